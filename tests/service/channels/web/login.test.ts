import { testDialects } from '../../../support/databases';
import { call, phoneOf, sessionStatusTrail, startWebWorld, subscribeAll, waitFor, waitForStatus, type WebWorld } from './webHarness';

/** The pairing bound of the pairing-code world: long enough for a loaded CI machine to enter a code in time. */
const PAIRING_BOUND_SECONDS = 3;

describe.each(testDialects())('web session login on %s', (dialect) => {
	describe('QR codes', () => {
		let world: WebWorld;
		beforeAll(async () => {
			// Each code must outlive a poll on a loaded machine (at 150 ms, one CI run never saw the first).
			world = await startWebWorld(dialect, { env: { WEB_QR_MAX_ROTATIONS: '3' }, fake: { qrIntervalMs: 400 } });
			await subscribeAll(world);
		});
		afterAll(() => world.service.stop());

		test('each rotation replaces the QR on offer; after the cap the session stops with the reason, and no dead QR is ever served', async () => {
			await call(world, world.admin, 'POST', '/v1/web/sessions', { name: 'rotating' });
			await waitForStatus(world, 'rotating', 'SCAN_QR');
			const phone = await phoneOf(world, 'rotating');
			const served: Array<{ value: string; rotation: number }> = [];
			let stoppedAt: string | undefined;
			await waitFor(async () => {
				const answer = await call(world, world.admin, 'GET', '/v1/web/sessions/rotating/qr?format=raw');
				if (answer.statusCode === 200) {
					const { value, rotation } = answer.json();
					if (served.at(-1)?.value !== value) served.push({ value, rotation });
					return false;
				}
				stoppedAt = answer.json().error.details.status;
				return true;
			}, 'the QR cap');
			expect(stoppedAt).toBe('STOPPED');
			expect(served.map((qr) => qr.rotation)).toEqual([1, 2, 3]);
			expect(new Set(served.map((qr) => qr.value)).size).toBe(3);
			// The fake showed a fourth code (the library's off-by-one); it was never offered.
			expect(phone.qr).toBeUndefined();
			const stopped = await waitForStatus(world, 'rotating', 'STOPPED');
			expect(stopped).toMatchObject({ desiredState: 'stopped', qr: null, worker: null, reason: 'No one scanned the QR code (3 codes were shown). Start the session to get new ones.' });
			expect(world.service.driver.liveClients()).toEqual([]);
			// Rotations are not status changes: one SCAN_QR event for the whole attempt.
			expect(await sessionStatusTrail(world, 'rotating')).toEqual(['STOPPED>STARTING', 'STARTING>SCAN_QR', 'SCAN_QR>STOPPED']);
		});
	});

	describe('stale QR codes', () => {
		let world: WebWorld;
		beforeAll(async () => {
			// Its own world: under the 150 ms rotations and 3-code cap above, a loaded CI machine once reached the cap (the
			// session closed) between seeing a rotation and scanning the stale code.
			world = await startWebWorld(dialect, { env: { WEB_QR_MAX_ROTATIONS: '20' }, fake: { qrIntervalMs: 500 } });
			await subscribeAll(world);
		});
		afterAll(() => world.service.stop());

		test('a stale QR scanned after a rotation is refused by the phone; the current one links', async () => {
			await call(world, world.admin, 'POST', '/v1/web/sessions', { name: 'stale' });
			await waitForStatus(world, 'stale', 'SCAN_QR');
			const phone = await phoneOf(world, 'stale');
			const qrOnOffer = async () => (await call(world, world.admin, 'GET', '/v1/web/sessions/stale/qr?format=raw')).json().value as string;
			const first = await qrOnOffer();
			await waitFor(async () => (await qrOnOffer()) !== first, 'a rotation');
			await expect(phone.scanQr(first)).rejects.toThrow('expired');
			// The code on offer now links; should it rotate between reading and scanning, the phone reads the screen again.
			await waitFor(async () => {
				try {
					await phone.scanQr(await qrOnOffer());
					return true;
				} catch (error) {
					if (String(error).includes('expired')) return false;
					throw error;
				}
			}, 'a scan of the current code');
			await waitForStatus(world, 'stale', 'WORKING');
		});
	});

	describe('pairing codes', () => {
		let world: WebWorld;
		beforeAll(async () => {
			// A short pairing bound, but not too short: in CI once more than 1 s passed between SCAN_QR and entering the code.
			world = await startWebWorld(dialect, { env: { WEB_PAIRING_TIMEOUT_SECONDS: String(PAIRING_BOUND_SECONDS) }, fake: { pairingCodeIntervalMs: 200 } });
			await subscribeAll(world);
		});
		afterAll(() => world.service.stop());

		test('a session created with a pairing number offers a code (no QR); asking again for the same number answers the code on offer', async () => {
			const created = await call(world, world.admin, 'POST', '/v1/web/sessions', { name: 'paired', pairingPhoneNumber: '+1 (202) 555-0108' });
			expect(created.json()).toMatchObject({ pairingPhoneNumber: '12025550108' });
			const waiting = await waitForStatus(world, 'paired', 'SCAN_QR');
			expect(waiting).toMatchObject({ loginMethod: 'pairing', qr: null });
			const phone = await phoneOf(world, 'paired');
			const asked = await call(world, world.admin, 'POST', '/v1/web/sessions/paired/pairing-code', { phoneNumber: '12025550108' });
			expect(asked.statusCode).toBe(200);
			expect(asked.json()).toEqual({ code: phone.pairingCode, phoneNumber: '12025550108' });
			expect((await call(world, world.admin, 'GET', '/v1/web/sessions/paired/qr')).json().error.message).toContain('pairing code');
			await phone.enterPairingCode(asked.json().code);
			await waitForStatus(world, 'paired', 'WORKING');
			// Linked in time: the pairing bound does not fire later.
			await new Promise((resolve) => setTimeout(resolve, PAIRING_BOUND_SECONDS * 1000 + 300));
			expect((await waitForStatus(world, 'paired', 'WORKING')).status).toBe('WORKING');
		});

		test('a QR login switches to a pairing code on request; unentered codes keep rotating until the bound stops the session', async () => {
			await call(world, world.admin, 'POST', '/v1/web/sessions', { name: 'switcher' });
			await waitForStatus(world, 'switcher', 'SCAN_QR');
			const phone = await phoneOf(world, 'switcher');
			expect(phone.qr).toBeDefined();
			const asked = await call(world, world.admin, 'POST', '/v1/web/sessions/switcher/pairing-code', { phoneNumber: '+44 7700 900123' });
			expect(asked.json().phoneNumber).toBe('447700900123');
			expect(phone.qr).toBeUndefined();
			expect((await waitForStatus(world, 'switcher', 'SCAN_QR')).loginMethod).toBe('pairing');
			const codes = new Set<string>();
			await waitFor(async () => {
				if (phone.pairingCode) codes.add(phone.pairingCode);
				return (await call(world, world.admin, 'GET', '/v1/web/sessions/switcher')).json().status === 'STOPPED';
			}, 'the pairing bound', PAIRING_BOUND_SECONDS * 1000 + 5000);
			expect(codes.size).toBeGreaterThanOrEqual(3);
			const stopped = await waitForStatus(world, 'switcher', 'STOPPED');
			expect(stopped.reason).toBe(`The pairing code was not entered on the phone within ${PAIRING_BOUND_SECONDS} s. Start the session to get a new code.`);
			expect(world.service.driver.liveClients().filter((client) => client.phase !== 'closed' && client.phone.pairingCode)).toEqual([]);
		});

		test('pairing codes need a session waiting for a login, and a phone number', async () => {
			const working = await call(world, world.admin, 'POST', '/v1/web/sessions/paired/pairing-code', { phoneNumber: '12025550108' });
			expect(working.statusCode).toBe(409);
			expect(working.json().error.details).toMatchObject({ status: 'WORKING', neededStatus: 'SCAN_QR' });
			const bad = await call(world, world.admin, 'POST', '/v1/web/sessions/paired/pairing-code', { phoneNumber: 'call me' });
			expect(bad.json().error.details.fields[0].field).toBe('body.phoneNumber');
		});
	});
});
