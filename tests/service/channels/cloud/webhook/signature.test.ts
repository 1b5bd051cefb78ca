import crypto from 'node:crypto';
import { checkSignature, tokenMatches } from '../../../../../service/src/channels/cloud/webhook/signature';
import { testDialects } from '../../../../support/databases';
import { createTenantFixture, type TenantFixture, type TestService } from '../../../../support/testService';
import { countRows, hubSignature, inboundText, newWamid, postWebhook, registerApp, registerNumber, startEventsService } from '../../../events/eventsTestKit';

describe('checkSignature', () => {
	const body = Buffer.from('{"object":"whatsapp_business_account","entry":[]}');
	const registrations = [
		{ tenantId: 'ten_a', appSecret: 'secret-one' },
		{ tenantId: 'ten_b', appSecret: 'secret-one' },
		{ tenantId: 'ten_c', appSecret: 'secret-two' },
	];

	test('names every tenant whose secret made the signature', () => {
		const check = checkSignature(body, hubSignature(body, 'secret-one'), registrations);
		expect(check).toEqual({ ok: true, signedBy: new Set(['ten_a', 'ten_b']) });
		expect(checkSignature(body, hubSignature(body, 'secret-two'), registrations)).toEqual({ ok: true, signedBy: new Set(['ten_c']) });
	});

	test('refuses missing, malformed, wrong and other-secret signatures without throwing', () => {
		const good = hubSignature(body, 'secret-one');
		expect(checkSignature(body, undefined, registrations)).toEqual({ ok: false, reason: 'missing_signature' });
		expect(checkSignature(body, '', registrations)).toEqual({ ok: false, reason: 'missing_signature' });
		for (const malformed of ['sha1=abc', good.slice(0, -2), `${good}00`, 'sha256=' + 'z'.repeat(64), good.replace('sha256=', '')]) {
			expect(checkSignature(body, malformed, registrations)).toEqual({ ok: false, reason: 'malformed_signature' });
		}
		const flippedLast = good.slice(0, -1) + (good.endsWith('0') ? '1' : '0');
		const flippedFirst = 'sha256=' + (good[7] === '0' ? '1' : '0') + good.slice(8);
		expect(checkSignature(body, flippedLast, registrations)).toEqual({ ok: false, reason: 'bad_signature' });
		expect(checkSignature(body, flippedFirst, registrations)).toEqual({ ok: false, reason: 'bad_signature' });
		expect(checkSignature(body, hubSignature(body, 'not-the-secret'), registrations)).toEqual({ ok: false, reason: 'bad_signature' });
		// One byte more in the body changes everything.
		expect(checkSignature(Buffer.concat([body, Buffer.from(' ')]), good, registrations)).toEqual({ ok: false, reason: 'bad_signature' });
	});

	test('compares in constant time, once per distinct secret, over equal-length digests', () => {
		const spy = jest.spyOn(crypto, 'timingSafeEqual');
		try {
			checkSignature(body, hubSignature(body, 'wrong'), registrations);
			expect(spy).toHaveBeenCalledTimes(2);
			for (const [a, b] of spy.mock.calls) expect([(a as Buffer).length, (b as Buffer).length]).toEqual([32, 32]);
			spy.mockClear();
			expect(tokenMatches('short', 'a much longer verify token')).toBe(false);
			expect(tokenMatches('same-token', 'same-token')).toBe(true);
			expect(spy).toHaveBeenCalledTimes(2);
		} finally {
			spy.mockRestore();
		}
	});
});

describe.each(testDialects())('signed webhooks over HTTP on %s', (dialect) => {
	let service: TestService;
	let owner: TenantFixture;
	let intruder: TenantFixture;
	beforeAll(async () => {
		service = await startEventsService(dialect, { LOG_LEVEL: 'info' });
		owner = await createTenantFixture(service, 'Owner');
		intruder = await createTenantFixture(service, 'Intruder');
		await registerApp(service, owner, '710001', 'the-real-app-secret');
		await registerNumber(service, owner, '710001', '9100001', '8100001');
		// The intruder registers the same Meta app id with a secret of its own choosing.
		await registerApp(service, intruder, '710001', 'intruder-chosen-secret');
	});
	afterAll(() => service.stop());

	test('valid signatures are accepted', async () => {
		const response = await postWebhook(service, '710001', inboundText('9100001', '8100001', '15550009999', newWamid(), 'hi'), 'the-real-app-secret');
		expect(response.statusCode).toBe(200);
		expect(response.json().accepted).toBe(1);
	});

	test('missing or wrong signatures answer 401, store nothing, and log the reason', async () => {
		const before = await Promise.all([countRows(service, 'messages'), countRows(service, 'unrouted_webhooks')]);
		const body = inboundText('9100001', '8100001', '15550009999', newWamid(), 'forged');
		const missing = await postWebhook(service, '710001', body, undefined);
		expect(missing.statusCode).toBe(401);
		const wrong = await postWebhook(service, '710001', body, 'guessed-secret');
		expect(wrong.statusCode).toBe(401);
		const tampered = await service.app.inject({ method: 'POST', url: '/webhooks/meta/710001', headers: { 'content-type': 'application/json', 'x-hub-signature-256': hubSignature(JSON.stringify(body), 'the-real-app-secret') }, payload: JSON.stringify(body).replace('forged', 'FORGED') });
		expect(tampered.statusCode).toBe(401);
		expect(await Promise.all([countRows(service, 'messages'), countRows(service, 'unrouted_webhooks')])).toEqual(before);
		const logs = service.logs.entries().filter((entry) => String(entry.msg).startsWith('Meta webhook refused'));
		expect(logs.map((entry) => entry.reason)).toEqual(expect.arrayContaining(['missing_signature', 'bad_signature']));
		expect(service.logs.text()).not.toContain('the-real-app-secret');
	});

	test('rejections are logged at most once per interval, however many arrive', async () => {
		const body = inboundText('9100001', '8100001', '1', newWamid(), 'flood');
		const count = () => service.logs.entries().filter((entry) => entry.msg === 'Meta webhook refused (bad signature); nothing stored').length;
		const before = count();
		for (let i = 0; i < 50; i++) expect((await postWebhook(service, '710001', body, `flood-${i}`)).statusCode).toBe(401);
		expect(count() - before).toBeLessThanOrEqual(1);
	});

	test("a tenant sharing the app id cannot inject into the owner's number with its own secret", async () => {
		const id = newWamid();
		const response = await postWebhook(service, '710001', inboundText('9100001', '8100001', '15550001234', id, 'injected'), 'intruder-chosen-secret');
		expect(response.statusCode).toBe(200);
		expect(response.json()).toEqual({ accepted: 0, duplicates: 0, unrouted: 1 });
		const stored = await service.ctx.storage.db.selectFrom('messages').select('id').where('provider_id', '=', id).execute();
		expect(stored).toEqual([]);
		const unrouted = await service.ctx.storage.db.selectFrom('unrouted_webhooks').select(['reason', 'signed_by_json']).where('phone_number_id', '=', '9100001').execute();
		expect(unrouted.map((row) => row.reason)).toEqual(["the signature was not made with the owning tenant's app secret"]);
		expect(JSON.parse(unrouted[0]?.signed_by_json as string)).toEqual([intruder.id]);
	});

	test('a rotated app secret is honoured within a second (cached secrets are re-read on a mismatch)', async () => {
		await service.app.inject({ method: 'PATCH', url: '/v1/meta-apps/710001', headers: { authorization: `Bearer ${owner.adminKey}` }, payload: { appSecret: 'rotated-app-secret' } });
		await new Promise((resolve) => setTimeout(resolve, 1100));
		const body = inboundText('9100001', '8100001', '15550009999', newWamid(), 'after rotation');
		expect((await postWebhook(service, '710001', body, 'rotated-app-secret')).statusCode).toBe(200);
		expect((await postWebhook(service, '710001', inboundText('9100001', '8100001', '1', newWamid(), 'old'), 'the-real-app-secret')).statusCode).toBe(401);
	});
});
