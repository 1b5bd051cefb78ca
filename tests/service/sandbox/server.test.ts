import multipart from '@fastify/multipart';
import Fastify from 'fastify';
import { manualClock, Simulator, sandboxPlugin, startSimulatorServer, type SimulatorServer } from '../../../service/src/sandbox';
import { IDS } from './harness';

function provision(sim: Simulator): void {
	sim.provision({
		apps: [{ appId: IDS.appId, appSecret: IDS.appSecret }],
		phoneNumbers: [{ phoneNumberId: IDS.phoneNumberId, wabaId: IDS.wabaId, appId: IDS.appId, displayPhoneNumber: IDS.displayPhoneNumber, verifiedName: 'Shop', accessToken: IDS.token }],
	});
}

/** Reads a JSON answer as the shape the test expects. */
async function jsonOf<T>(response: Response | Promise<Response>): Promise<T> {
	return (await (await response).json()) as T;
}

interface MediaInfo {
	url: string;
}

const auth = { authorization: `Bearer ${IDS.token}` };
const json = { ...auth, 'content-type': 'application/json' };
const text = JSON.stringify({ messaging_product: 'whatsapp', to: IDS.user, type: 'template', template: { name: 'hello_world', language: { code: 'en_US' } } });

describe('standalone server', () => {
	let server: SimulatorServer;
	beforeEach(async () => {
		server = await startSimulatorServer({ port: 0, clock: manualClock(), config: { statusWebhooks: { enabled: false } } });
		provision(server.simulator);
	});
	afterEach(() => server.close());

	test('listens on 127.0.0.1 with an ephemeral port and serves Graph and control routes', async () => {
		expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		const response = await fetch(`${server.graphUrl}/v23.0/${IDS.phoneNumberId}/messages`, { method: 'POST', headers: json, body: text });
		expect(response.status).toBe(200);
		expect(response.headers.get('x-fb-trace-id')).toBeTruthy();
		const stats = await jsonOf<{ sends: { accepted: number } }>(fetch(`${server.url}/control/stats`));
		expect(stats.sends.accepted).toBe(1);
	});

	test('media URLs and paging links are absolute and work as given', async () => {
		const form = new FormData();
		form.append('messaging_product', 'whatsapp');
		form.append('file', new Blob([Buffer.from('%PDF-1.4 hello')], { type: 'application/pdf' }), 'a.pdf');
		const { id } = await jsonOf<{ id: string }>(fetch(`${server.graphUrl}/v23.0/${IDS.phoneNumberId}/media`, { method: 'POST', headers: auth, body: form }));
		const info = await jsonOf<MediaInfo>(fetch(`${server.graphUrl}/v23.0/${id}`, { headers: auth }));
		expect(info.url.startsWith(`${server.url}/lookaside/`)).toBe(true);
		const file = await fetch(info.url, { headers: auth });
		expect(await file.text()).toBe('%PDF-1.4 hello');
		expect(file.headers.get('content-disposition')).toContain('a.pdf');

		for (let i = 0; i < 3; i++) server.simulator.upsertTemplate({ wabaId: IDS.wabaId, name: `p_${i}`, language: 'en_US', category: 'UTILITY', components: [] });
		const first = await jsonOf<{ paging: { next: string } }>(fetch(`${server.graphUrl}/v23.0/${IDS.wabaId}/message_templates?limit=2&access_token=${IDS.token}`));
		const second = await jsonOf<{ data: unknown[] }>(fetch(first.paging.next));
		expect(second.data).toHaveLength(2);
	});

	test('a timeout fault holds the request and then drops the connection; the send is not recorded', async () => {
		await fetch(`${server.url}/control/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'timeout', hangMs: 200, count: 1 }) });
		const started = Date.now();
		await expect(fetch(`${server.graphUrl}/v23.0/${IDS.phoneNumberId}/messages`, { method: 'POST', headers: json, body: text })).rejects.toThrow();
		expect(Date.now() - started).toBeGreaterThanOrEqual(180);
		expect(server.simulator.messages.sentCount).toBe(0);
		expect((await fetch(`${server.graphUrl}/v23.0/${IDS.phoneNumberId}/messages`, { method: 'POST', headers: json, body: text })).status).toBe(200);
	});

	test('a processed timeout sends the message but never answers (the ambiguous case clients must survive)', async () => {
		server.simulator.faults.add({ kind: 'timeout', hangMs: 100, processed: true, count: 1 });
		await expect(fetch(`${server.graphUrl}/v23.0/${IDS.phoneNumberId}/messages`, { method: 'POST', headers: json, body: text })).rejects.toThrow();
		expect(server.simulator.messages.sentCount).toBe(1);
	});

	test('closing does not wait for hung requests', async () => {
		server.simulator.faults.add({ kind: 'timeout', hangMs: 60_000 });
		const pending = fetch(`${server.graphUrl}/v23.0/${IDS.phoneNumberId}/messages`, { method: 'POST', headers: json, body: text }).catch(() => 'dropped');
		await new Promise((resolve) => setTimeout(resolve, 50));
		const started = Date.now();
		await server.close();
		expect(Date.now() - started).toBeLessThan(2000);
		expect(await pending).toBe('dropped');
		server = await startSimulatorServer({ port: 0 });
	});
});

describe('mounted in a host app', () => {
	test('works under a prefix beside the host multipart plugin, and hides control unless exposed', async () => {
		const host = Fastify();
		await host.register(multipart);
		host.post('/v1/upload', async (request) => ({ got: (await request.file())?.filename }));
		const simulator = new Simulator({ config: { statusWebhooks: { enabled: false } } });
		provision(simulator);
		await host.register(sandboxPlugin, { prefix: '/sandbox', simulator });
		await host.listen({ host: '127.0.0.1', port: 0 });
		const base = `http://127.0.0.1:${(host.server.address() as { port: number }).port}`;
		try {
			expect((await fetch(`${base}/sandbox/graph/v23.0/${IDS.phoneNumberId}/messages`, { method: 'POST', headers: json, body: text })).status).toBe(200);
			expect((await fetch(`${base}/sandbox/control/stats`)).status).toBe(404);

			const form = new FormData();
			form.append('messaging_product', 'whatsapp');
			form.append('file', new Blob([Buffer.from([0xff, 0xd8, 0xff, 0x00])], { type: 'image/jpeg' }), 'x.jpg');
			const { id } = await jsonOf<{ id: string }>(fetch(`${base}/sandbox/graph/v23.0/${IDS.phoneNumberId}/media`, { method: 'POST', headers: auth, body: form }));
			const info = await jsonOf<MediaInfo>(fetch(`${base}/sandbox/graph/v23.0/${id}`, { headers: auth }));
			expect(info.url.startsWith(`${base}/sandbox/lookaside/`)).toBe(true);

			const hostForm = new FormData();
			hostForm.append('file', new Blob(['x']), 'host.txt');
			expect(await (await fetch(`${base}/v1/upload`, { method: 'POST', body: hostForm })).json()).toEqual({ got: 'host.txt' });
			expect((await fetch(`${base}/v1/nothing`)).status).toBe(404);
		} finally {
			await host.close();
		}
	});
});
