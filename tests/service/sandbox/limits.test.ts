import { createSandbox, expectGraphError, IDS, openWindow, type Sandbox, textMessage } from './harness';

let sandbox: Sandbox;
afterEach(() => sandbox.close());

/** Distinct recipients, so the pair limit stays out of the way of throughput tests. */
const recipient = (i: number) => `1650555${String(i).padStart(4, '0')}`;

describe('throughput (130429)', () => {
	beforeEach(async () => {
		sandbox = await createSandbox();
	});

	test('the 81st send within one second is refused with 130429 (HTTP 400) and counted', async () => {
		for (let i = 0; i < 80; i++) expect((await sandbox.send(textMessage(recipient(i)))).statusCode).toBe(200);
		const error = expectGraphError(await sandbox.send(textMessage(recipient(80))), 130429, 400);
		expect(error.message).toBe('(#130429) Rate limit hit');
		expect(error.error_data?.details).toBe('Cloud API message throughput has been reached.');
		const stats = (await sandbox.control('GET', '/stats')).json();
		expect(stats.rateLimited130429).toBe(1);
		expect(stats.errorsByCode['130429']).toBe(1);
	});

	test('the bucket refills with time', async () => {
		for (let i = 0; i < 80; i++) await sandbox.send(textMessage(recipient(i)));
		expectGraphError(await sandbox.send(textMessage(recipient(100))), 130429, 400);
		sandbox.clock.advance(100);
		// 100 ms at 80/s buys 8 more sends.
		for (let i = 0; i < 8; i++) expect((await sandbox.send(textMessage(recipient(200 + i)))).statusCode).toBe(200);
		expectGraphError(await sandbox.send(textMessage(recipient(300))), 130429, 400);
	});

	test('throughput is per number and configurable per number', async () => {
		await sandbox.control('PATCH', `/phone-numbers/${IDS.phoneNumberId}`, { throughputPerSecond: 5 });
		for (let i = 0; i < 5; i++) expect((await sandbox.send(textMessage(recipient(i)))).statusCode).toBe(200);
		expectGraphError(await sandbox.send(textMessage(recipient(5))), 130429, 400);
		expect((await sandbox.send(textMessage(recipient(6)), { phoneNumberId: IDS.otherPhoneNumberId, token: IDS.otherToken })).statusCode).toBe(200);
	});

	test('a number provisioned with throughputPerSecond reports level HIGH above 80', async () => {
		await sandbox.control('PATCH', `/phone-numbers/${IDS.phoneNumberId}`, { throughputPerSecond: 1000 });
		expect((await sandbox.inject('GET', `/graph/v23.0/${IDS.phoneNumberId}?fields=throughput`)).json().throughput).toEqual({ level: 'HIGH' });
	});
});

describe('pair rate limit (131056)', () => {
	test("Meta's defaults: a burst of 45 to one user, then one per 6 seconds", async () => {
		sandbox = await createSandbox();
		await openWindow(sandbox);
		for (let i = 0; i < 45; i++) {
			expect((await sandbox.send(textMessage())).statusCode).toBe(200);
			sandbox.clock.advance(20);
		}
		const error = expectGraphError(await sandbox.send(textMessage()), 131056, 400);
		expect(error.message).toBe('(#131056) (Business Account, Consumer Account) pair rate limit hit');
		expect((await sandbox.send(textMessage('16505559999'))).statusCode).toBe(200);
		sandbox.clock.advance(6000);
		expect((await sandbox.send(textMessage())).statusCode).toBe(200);
		expectGraphError(await sandbox.send(textMessage()), 131056, 400);
	});

	test('configurable burst and rate, and can be turned off', async () => {
		sandbox = await createSandbox({ config: { pairRateLimit: { burst: 2, perSecond: 1 } } });
		await openWindow(sandbox);
		expect((await sandbox.send(textMessage())).statusCode).toBe(200);
		expect((await sandbox.send(textMessage())).statusCode).toBe(200);
		expectGraphError(await sandbox.send(textMessage()), 131056, 400);
		sandbox.clock.advance(1000);
		expect((await sandbox.send(textMessage())).statusCode).toBe(200);
		await sandbox.control('PATCH', '/config', { pairRateLimit: false });
		for (let i = 0; i < 10; i++) expect((await sandbox.send(textMessage())).statusCode).toBe(200);
		expect((await sandbox.control('GET', '/stats')).json().pairRateLimited131056).toBe(1);
	});
});
