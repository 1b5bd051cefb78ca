import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphClient } from '../../../../service/src/channels/cloud/graph/graphClient';
import { GraphCallError } from '../../../../service/src/channels/cloud/graph/metaError';

/** The JSON path (sends) goes over node:http directly: it must answer and fail exactly as the axios path does. */
describe('the Graph client', () => {
	let server: http.Server;
	let base: string;
	const seen: Array<{ method?: string; url?: string; headers: http.IncomingHttpHeaders; body: string }> = [];
	const routes: Record<string, (response: http.ServerResponse) => void> = {
		'/v23.0/1/messages': (response) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ messaging_product: 'whatsapp', messages: [{ id: 'wamid.OK' }] })),
		'/v23.0/2/messages': (response) => response.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'Invalid parameter', type: 'OAuthException', code: 100, error_subcode: 33, fbtrace_id: 'Abc' } })),
		'/v23.0/3/messages': (response) => response.writeHead(502, { 'content-type': 'text/html' }).end('<html>Bad gateway</html>'),
		'/v23.0/4/messages': (response) => response.writeHead(200, { 'content-type': 'text/plain' }).end('not json'),
		'/v23.0/5/messages': () => undefined,
		'/media/ok': (response) => {
			// The first half now, the rest only once the test has seen it arrive: a stream, not a buffered answer.
			response.writeHead(200, { 'content-type': 'application/pdf', 'content-length': 2 * 65536 });
			response.write(Buffer.alloc(65536, 1));
			releaseSecondHalf = () => response.end(Buffer.alloc(65536, 2));
		},
		'/media/gone': (response) => response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'Media not found or URL expired', type: 'OAuthException', code: 100, fbtrace_id: 'Xyz' } })),
	};
	let releaseSecondHalf = () => undefined as void;
	beforeAll(async () => {
		server = http.createServer((request, response) => {
			const parts: Buffer[] = [];
			request.on('data', (part: Buffer) => parts.push(part));
			request.on('end', () => {
				seen.push({ method: request.method, url: request.url, headers: request.headers, body: Buffer.concat(parts).toString('utf8') });
				(routes[request.url ?? ''] ?? ((answer: http.ServerResponse) => answer.writeHead(404).end()))(response);
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterAll(async () => {
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	});

	const target = () => ({ baseUrl: base, version: 'v23.0', accessToken: 'EAAtoken' });
	const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error as GraphCallError);
	const both = (timeoutMs = 5000) => [new GraphClient({ timeoutMs, maxSockets: 4 })] as const;

	test('a JSON body goes out as JSON with the token in the Authorization header, and the JSON answer comes back', async () => {
		const [graph] = both();
		const answer = await graph.request(target(), { method: 'POST', path: '1/messages', data: { to: '1', text: { body: 'hé' } } });
		expect(answer).toEqual({ messaging_product: 'whatsapp', messages: [{ id: 'wamid.OK' }] });
		const request = seen.at(-1);
		expect(request).toMatchObject({ method: 'POST', url: '/v23.0/1/messages', body: JSON.stringify({ to: '1', text: { body: 'hé' } }) });
		expect(request?.headers).toMatchObject({ authorization: 'Bearer EAAtoken', 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(request?.body ?? '')) });
		graph.close();
	});

	test("Meta's error body, a proxy's HTML page and a non-JSON answer read as through axios", async () => {
		const [graph] = both();
		const meta = await failure(graph.request(target(), { method: 'POST', path: '2/messages', data: {} }));
		expect(meta).toBeInstanceOf(GraphCallError);
		expect(meta).toMatchObject({ kind: 'meta', httpStatus: 400, code: 100, message: 'Invalid parameter', info: { subcode: 33, type: 'OAuthException', fbtraceId: 'Abc' } });
		expect(await failure(graph.request(target(), { method: 'POST', path: '3/messages', data: {} }))).toMatchObject({ kind: 'meta', httpStatus: 502, code: undefined, message: 'Graph answered HTTP 502' });
		expect(await graph.request(target(), { method: 'POST', path: '4/messages', data: {} })).toBe('not json');
		graph.close();
	});

	test('a silent Graph is a timeout and a refused connection a network error naming its code', async () => {
		const [graph] = both(200);
		// The silent server had the whole request: whether it acted on it is unknown. A refused connection had nothing.
		expect(await failure(graph.request(target(), { method: 'POST', path: '5/messages', data: {} }))).toMatchObject({ kind: 'timeout', message: 'Graph did not answer in time', outcomeUnknown: true });
		const refused = await failure(graph.request({ ...target(), baseUrl: 'http://127.0.0.1:1' }, { method: 'POST', path: '1/messages', data: {} }));
		expect(refused).toMatchObject({ kind: 'network', outcomeUnknown: false });
		expect(refused?.message).toMatch(/^Graph could not be reached \(ECONNREFUSED\)/);
		graph.close();
	});

	test('a keep-alive connection the server closed while idle is reset before any answer: Meta cannot have acted on that request', async () => {
		// A raw server: answers the first request on a connection, then resets the connection when the next one comes.
		const net = await import('node:net');
		const raw = net.createServer((socket) => {
			let requests = 0;
			socket.on('data', () => {
				requests++;
				if (requests === 1) socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\nconnection: keep-alive\r\n\r\n{}');
				else socket.resetAndDestroy();
			});
		});
		await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
		const rawTarget = { ...target(), baseUrl: `http://127.0.0.1:${(raw.address() as AddressInfo).port}` };
		const [graph] = both();
		try {
			expect(await graph.request(rawTarget, { method: 'POST', path: '1/messages', data: {} })).toEqual({});
			const reset = await failure(graph.request(rawTarget, { method: 'POST', path: '1/messages', data: {} }));
			expect(reset).toMatchObject({ kind: 'network', outcomeUnknown: false });
			expect(reset?.message).toContain('ECONNRESET');
		} finally {
			graph.close();
			await new Promise<void>((resolve) => raw.close(() => resolve()));
		}
	});

	test('a streamed download hands over its bytes as they arrive; a streamed error still reads as Meta’s error', async () => {
		const [graph] = both();
		const response = await graph.requestRaw<NodeJS.ReadableStream>(target(), { method: 'GET', path: `${base}/media/ok`, responseType: 'stream' });
		expect(response.headers['content-length']).toBe(String(2 * 65536));
		const chunks: Buffer[] = [];
		let received = 0;
		for await (const chunk of response.data) {
			chunks.push(chunk as Buffer);
			received += (chunk as Buffer).length;
			if (received === 65536) releaseSecondHalf();
		}
		expect(Buffer.concat(chunks)).toEqual(Buffer.concat([Buffer.alloc(65536, 1), Buffer.alloc(65536, 2)]));

		const error = await failure(graph.requestRaw(target(), { method: 'GET', path: `${base}/media/gone`, responseType: 'stream' }));
		expect(error).toBeInstanceOf(GraphCallError);
		expect(error).toMatchObject({ kind: 'meta', httpStatus: 404, code: 100, message: expect.stringContaining('Media not found or URL expired') });
		graph.close();
		// A client that waited for the whole body would never see the first half: the server holds the rest until then.
	}, 10_000);
});

