import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpSender } from '../../../service/src/events/httpSender';

/** A subscriber whose every answer the test decides. */
async function subscriber(handle: (request: http.IncomingMessage, body: string, response: http.ServerResponse) => void) {
	const sockets = new Set<unknown>();
	let mostSockets = 0;
	const server = http.createServer((request, response) => {
		const parts: Buffer[] = [];
		request.on('data', (part: Buffer) => parts.push(part));
		request.on('end', () => handle(request, Buffer.concat(parts).toString('utf8'), response));
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		mostSockets = Math.max(mostSockets, sockets.size);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook?tenant=t1`;
	return {
		url,
		mostSockets: () => mostSockets,
		async stop() {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

describe('HttpSender', () => {
	let sender: HttpSender;
	beforeEach(() => {
		sender = new HttpSender({ timeoutMs: 400, maxSocketsPerHost: 3 });
	});
	afterEach(() => sender.close());

	test('posts the exact body with its headers, path and query, and reports a 2xx as delivered', async () => {
		let seen: { method?: string; url?: string; headers: http.IncomingHttpHeaders; body: string } | undefined;
		const sink = await subscriber((request, body, response) => {
			seen = { method: request.method, url: request.url, headers: request.headers, body };
			response.writeHead(204).end();
		});
		const body = JSON.stringify({ id: 'evt_1', text: 'olá 👋' });
		const result = await sender.post(sink.url, body, { 'x-event-id': 'evt_1', 'x-signature-256': 'sha256=abc' });
		expect(result).toMatchObject({ ok: true, status: 204, error: null });
		expect(result.elapsedMs).toBeGreaterThanOrEqual(0);
		expect(seen).toMatchObject({ method: 'POST', url: '/hook?tenant=t1', body });
		expect(seen?.headers).toMatchObject({ 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'x-event-id': 'evt_1', 'x-signature-256': 'sha256=abc' });
		await sink.stop();
	});

	test('a non-2xx answer is a failure with its status; a redirect is not followed', async () => {
		let hits = 0;
		const sink = await subscriber((request, _body, response) => {
			hits++;
			if (request.url?.startsWith('/moved')) response.writeHead(302, { location: '/hook' }).end();
			else response.writeHead(503).end('busy');
		});
		expect(await sender.post(sink.url, '{}', {})).toMatchObject({ ok: false, status: 503, error: 'HTTP 503' });
		expect(await sender.post(sink.url.replace('/hook', '/moved'), '{}', {})).toMatchObject({ ok: false, status: 302, error: 'HTTP 302' });
		expect(hits).toBe(2);
		await sink.stop();
	});

	test('an informational 103 before the answer is not the answer: it counts neither as the status nor as a cut-off answer', async () => {
		const sink = await subscriber((request, _body, response) => {
			response.writeEarlyHints({ link: '</style.css>; rel=preload; as=style' });
			if (request.url?.startsWith('/vanish')) setTimeout(() => response.socket?.destroy(), 20);
			else response.writeHead(204).end();
		});
		try {
			expect(await sender.post(sink.url, '{}', {})).toMatchObject({ ok: true, status: 204, error: null });
			expect(await sender.post(sink.url.replace('/hook', '/vanish'), '{}', {})).toMatchObject({ ok: false, status: null, error: 'connection closed before an answer' });
		} finally {
			await sink.stop();
		}
	});

	test('no answer within the timeout, or an answer cut off, fails within about the timeout', async () => {
		const sink = await subscriber((request, _body, response) => {
			if (request.url?.startsWith('/cut')) {
				response.writeHead(200, { 'content-length': '100' });
				response.write('partial');
				setTimeout(() => response.destroy(), 20);
			}
			// Otherwise never answer.
		});
		const started = Date.now();
		expect(await sender.post(sink.url, '{}', {})).toMatchObject({ ok: false, status: null, error: 'no answer within 400 ms' });
		expect(Date.now() - started).toBeLessThan(2000);
		expect(await sender.post(sink.url.replace('/hook', '/cut'), '{}', {})).toMatchObject({ ok: false, status: 200, error: 'answer cut off' });
		await sink.stop();
	});

	test('a post still waiting for a connection at its deadline fails then, and is never sent late', async () => {
		const single = new HttpSender({ timeoutMs: 400, maxSocketsPerHost: 1 });
		let hits = 0;
		// Never answers: the first post holds the only connection until its deadline, the second waits behind it.
		const sink = await subscriber(() => hits++);
		try {
			const started = Date.now();
			const [first, second] = await Promise.all([single.post(sink.url, '{"n":1}', {}), single.post(sink.url, '{"n":2}', {})]);
			expect(first).toMatchObject({ ok: false, status: null, error: 'no answer within 400 ms' });
			expect(second).toMatchObject({ ok: false, status: null, error: 'no answer within 400 ms' });
			expect(Date.now() - started).toBeLessThan(2000);
			// The aborted first post frees the connection; the second, already failed, must not go out on it.
			await new Promise((resolve) => setTimeout(resolve, 300));
			expect(hits).toBe(1);
		} finally {
			single.close();
			await sink.stop();
		}
	});

	test('a refused connection and a malformed URL are failures that say why', async () => {
		const sink = await subscriber((_request, _body, response) => response.end());
		const closedUrl = sink.url;
		await sink.stop();
		const refused = await sender.post(closedUrl, '{}', {});
		expect(refused).toMatchObject({ ok: false, status: null });
		expect(refused.error).toMatch(/^ECONNREFUSED/);
		expect(await sender.post('not a url', '{}', {})).toMatchObject({ ok: false, status: null, error: 'invalid target URL' });
		expect(await sender.post('ftp://127.0.0.1/x', '{}', {})).toMatchObject({ ok: false, status: null, error: 'invalid target URL' });
	});

	test('at most maxSocketsPerHost connections to one subscriber, reused across posts', async () => {
		// A timeout of its own: the last posts wait for a free socket, and on a busy CI machine 400 ms did not cover it.
		const queued = new HttpSender({ timeoutMs: 10_000, maxSocketsPerHost: 3 });
		const sink = await subscriber((_request, _body, response) => setTimeout(() => response.writeHead(200).end(), 30));
		try {
			const results = await Promise.all(Array.from({ length: 12 }, (_, n) => queued.post(sink.url, JSON.stringify({ n }), {})));
			expect(results.filter((r) => !r.ok)).toEqual([]);
			expect(sink.mostSockets()).toBe(3);
		} finally {
			queued.close();
			await sink.stop();
		}
	});
});
