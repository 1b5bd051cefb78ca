import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { createSandbox, IDS, openWindow, type Sandbox } from './harness';

/** Meta's published examples for the Block Users API: request bodies and the shapes of the answers. */
const spec = parse(readFileSync(join(__dirname, '../../fixtures/meta-openapi/business-messaging-api_v23.0.yaml'), 'utf8'));
const path = spec.paths['/{Version}/{Phone-Number-ID}/block_users'];
const blockExample = path.post.requestBody.content['application/json'].examples['Block user(s)'].value;
const unblockExample = path.delete.requestBody.content['application/json'].examples['Unblock user(s)'].value;

describe('Block Users API of the simulator', () => {
	let sandbox: Sandbox;
	const url = `/graph/v23.0/${IDS.phoneNumberId}/block_users`;
	/** The person writes to the business: only then may it block them. */
	const wrote = (waId: string) => openWindow(sandbox, waId);
	beforeEach(async () => {
		sandbox = await createSandbox();
	});
	afterEach(() => sandbox.close());

	test("Meta's example block and unblock requests answer in the spec's shapes", async () => {
		await wrote('16505551234');
		const blocked = await sandbox.inject('POST', url, { body: blockExample });
		expect(blocked.statusCode).toBe(200);
		expect(blocked.json()).toEqual({ messaging_product: 'whatsapp', block_users: { added_users: [{ input: '+16505551234', wa_id: '16505551234' }] } });
		const listed = await sandbox.inject('GET', url);
		expect(listed.json()).toMatchObject({ data: [{ messaging_product: 'whatsapp', wa_id: '16505551234' }] });
		const unblocked = await sandbox.inject('DELETE', url, { body: unblockExample });
		expect(unblocked.json()).toEqual({ messaging_product: 'whatsapp', block_users: { removed_users: [{ input: '+16505551234', wa_id: '16505551234' }] } });
		expect((await sandbox.inject('GET', url)).json().data).toEqual([]);
	});

	test('some failing: 400 with error 139100 and every person’s result beside it; the rest are blocked', async () => {
		await wrote('16505550001');
		const answer = await sandbox.inject('POST', url, { body: { messaging_product: 'whatsapp', block_users: [{ user: '16505550001' }, { user: '16505550002' }, { user: 'nobody' }] } });
		expect(answer.statusCode).toBe(400);
		expect(answer.json()).toMatchObject({
			messaging_product: 'whatsapp',
			block_users: {
				added_users: [{ input: '16505550001', wa_id: '16505550001' }],
				failed_users: [
					{ input: '16505550002', wa_id: '16505550002', errors: [{ code: 131047, message: 'Re-engagement required', error_data: { details: 'User has not messaged in the last 24 hours' } }] },
					{ input: 'nobody', errors: [{ code: 100 }] },
				],
			},
			error: { code: 139100, type: 'OAuthException', message: '(#139100) Failed to block/unblock users', fbtrace_id: expect.any(String) },
		});
		expect(sandbox.sim.blocklists.of(IDS.phoneNumberId)).toEqual(['16505550001']);
		// A blocked person's messages are not delivered.
		const inbound = await sandbox.control('POST', '/inbound', { phoneNumberId: IDS.phoneNumberId, from: '16505550001', type: 'text', text: { body: 'hi' } });
		expect(inbound.statusCode).toBe(409);
	});

	test('a malformed request is error 100 naming the parameter; another business’s token sees nothing', async () => {
		for (const body of [{ block_users: [{ user: '1' }] }, { messaging_product: 'whatsapp', block_users: [] }, { messaging_product: 'whatsapp', block_users: Array.from({ length: 1001 }, (_, i) => ({ user: String(16505550000 + i) })) }, { messaging_product: 'whatsapp', block_users: [{ name: 'x' }] }]) {
			const answer = await sandbox.inject('POST', url, { body });
			expect(answer.statusCode).toBe(400);
			expect(answer.json().error.code).toBe(100);
		}
		const foreign = await sandbox.inject('GET', url, { token: IDS.otherToken });
		expect(foreign.statusCode).toBe(400);
		expect(foreign.json().error).toMatchObject({ code: 100, error_subcode: 33 });
	});
});
