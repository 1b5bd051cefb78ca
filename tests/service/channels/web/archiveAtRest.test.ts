import { randomBytes } from 'node:crypto';
import { ArchiveCipher } from '../../../../service/src/channels/web/storage/archiveCipher';
import { testDialects } from '../../../support/databases';
import { dumpDatabase } from '../../../support/databaseDump';
import { linkSession, sessionKey, startWebWorld, waitFor, type WebWorld } from './webHarness';

describe.each(testDialects())('WhatsApp Web logins at rest on %s', (dialect) => {
	let world: WebWorld;
	beforeAll(async () => {
		world = await startWebWorld(dialect, { env: { LOG_LEVEL: 'trace' } });
		await linkSession(world, 'vault');
	});
	afterAll(() => world.service.stop());

	test('the stored login is encrypted: the database holds none of its plaintext, the driver reads it back whole', async () => {
		const key = await sessionKey(world, 'vault');
		// Like RemoteAuth, the login is saved a moment after the session is WORKING.
		await waitFor(() => world.service.driver.store.exists(key), 'the login to be saved');
		const login = (await world.service.driver.store.load(key)) as Buffer;
		// The fake's archive is JSON naming its format; a real one is a zip of the browser profile.
		expect(login.toString('utf8')).toContain('fake-wwebjs-session');
		const dump = await dumpDatabase(world.service);
		expect(dump).toContain('web_session_archives');
		expect(dump).not.toContain('fake-wwebjs-session');
		expect(world.service.logs.text()).not.toContain('fake-wwebjs-session');
		const row = await world.service.ctx.storage.db.selectFrom('web_session_archives').select(['archive', 'size_bytes']).executeTakeFirstOrThrow();
		expect(row.size_bytes).toBe(login.length);
		expect(Buffer.from(row.archive).subarray(0, 4).toString()).toBe('WAZ1');
	});

	test('an archive opens only for its own session and key', () => {
		const cipher = new ArchiveCipher(randomBytes(32));
		const sealed = cipher.seal(Buffer.from('zip bytes'), 'wss_a');
		expect(cipher.open(sealed, 'wss_a').toString()).toBe('zip bytes');
		expect(() => cipher.open(sealed, 'wss_b')).toThrow();
		expect(() => new ArchiveCipher(randomBytes(32)).open(sealed, 'wss_a')).toThrow();
		const tampered = Buffer.from(sealed);
		tampered[tampered.length - 1] = (tampered[tampered.length - 1] as number) ^ 1;
		expect(() => cipher.open(tampered, 'wss_a')).toThrow();
		expect(() => cipher.open(Buffer.from('PK\u0003\u0004 plain zip'), 'wss_a')).toThrow('not in a known format');
	});
});
