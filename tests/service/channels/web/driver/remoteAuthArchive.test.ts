/**
 * RemoteAuth (the library's real code) driving our ArchiveStoreAdapter over the in-memory
 * SessionArchiveStore: backup, restore on a fresh start, logout, and our deletion/backup policies.
 */
import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import unzipper from 'unzipper';
import { silentLogger } from '../../../../../service/src/channels/web/driver/driverLogger';
import { InMemorySessionArchiveStore } from '../../../../../service/src/channels/web/driver/inMemorySessionArchiveStore';
import { ArchiveStoreAdapter } from '../../../../../service/src/channels/web/driver/real/archiveStoreAdapter';
import { DriverRemoteAuth } from '../../../../../service/src/channels/web/driver/real/driverRemoteAuth';
import { sessionPathsFor, type SessionPaths } from '../../../../../service/src/channels/web/driver/real/sessionPaths';

/** Just enough of Client for an auth strategy: options.puppeteer, on/emit. */
class StubLibraryClient extends EventEmitter {
	options: { puppeteer: Record<string, unknown> } = { puppeteer: {} };
}

let base: string;
beforeEach(() => {
	base = mkdtempSync(path.join(tmpdir(), 'wa-remoteauth-'));
});
afterEach(() => {
	rmSync(base, { recursive: true, force: true });
});

const SESSION_KEY = 'tenant-42:sales line';

function makeAuth(store: InMemorySessionArchiveStore, paths: SessionPaths, firstBackupDelayMs = 0) {
	const auth = new DriverRemoteAuth({
		store: new ArchiveStoreAdapter(store, SESSION_KEY, paths),
		clientId: paths.clientId,
		dataPath: paths.root,
		backupSyncIntervalMs: 60_000,
		firstBackupDelayMs,
		logger: silentLogger,
		onBrowser: () => undefined,
	});
	const client = new StubLibraryClient();
	auth.setup(client as never);
	return { auth, client };
}

/** A Chromium profile with what WhatsApp Web keeps its login in, plus a cache that must not be archived. */
function writeProfile(userDataDir: string): void {
	const files: Record<string, string> = {
		'Default/IndexedDB/https_web.whatsapp.com_0.indexeddb.leveldb/000003.log': 'signal keys',
		'Default/Local Storage/leveldb/000003.log': 'WAToken',
		'Default/Cache/Cache_Data/data_0': 'http cache',
	};
	for (const [file, content] of Object.entries(files)) {
		mkdirSync(path.dirname(path.join(userDataDir, file)), { recursive: true });
		writeFileSync(path.join(userDataDir, file), content);
	}
}

async function zipEntries(zip: Buffer): Promise<string[]> {
	const directory = await unzipper.Open.buffer(zip);
	return directory.files.filter((file) => file.type === 'File').map((file) => file.path).sort();
}

describe('RemoteAuth archive round trip through SessionArchiveStore', () => {
	test('save -> restore on a fresh profile -> logout deletes archive and profile', async () => {
		const store = new InMemorySessionArchiveStore({ recordCalls: true });
		const paths = sessionPathsFor(base, SESSION_KEY);
		// The key has ':' and ' ', which RemoteAuth rejects: the client id is derived, the store key is not.
		expect(paths.clientId).toMatch(/^s-[0-9a-f]{32}$/);

		const first = makeAuth(store, paths);
		await first.auth.beforeBrowserInitialized();
		expect(first.client.options.puppeteer.userDataDir).toBe(paths.userDataDir);
		writeProfile(paths.userDataDir);

		const saved = jest.fn();
		first.client.on('remote_session_saved', saved);
		await first.auth.storeRemoteSession({ emit: true });
		expect(saved).toHaveBeenCalledTimes(1);
		const zip = store.peek(SESSION_KEY);
		expect(zip).toBeDefined();
		expect(await zipEntries(zip as Buffer)).toEqual([
			'Default/IndexedDB/https_web.whatsapp.com_0.indexeddb.leveldb/000003.log',
			'Default/Local Storage/leveldb/000003.log',
		]);
		// RemoteAuth cleans its zip and staging dir; nothing but the profile stays on disk.
		expect(existsSync(paths.zipPath)).toBe(false);

		// A restart on an empty disk (new container): the profile comes back from the store.
		rmSync(paths.root, { recursive: true, force: true });
		const second = makeAuth(store, paths);
		await second.auth.beforeBrowserInitialized();
		// Checked immediately: Chromium starts right after this hook, so the files must already be complete.
		const restored = path.join(paths.userDataDir, 'Default');
		expect(readFileSync(path.join(restored, 'Local Storage/leveldb/000003.log'), 'utf8')).toBe('WAToken');
		expect(readFileSync(path.join(restored, 'IndexedDB/https_web.whatsapp.com_0.indexeddb.leveldb/000003.log'), 'utf8')).toBe(
			'signal keys',
		);
		expect(existsSync(path.join(restored, 'Cache'))).toBe(false);
		expect(existsSync(paths.zipPath)).toBe(false);

		await second.auth.logout();
		expect(store.size).toBe(0);
		expect(existsSync(paths.userDataDir)).toBe(false);
		expect(store.calls.map((call) => call.sessionKey).every((key) => key === SESSION_KEY)).toBe(true);
	});

	test('the adapter accepts both save() forms RemoteAuth has used, and refuses another session', async () => {
		const store = new InMemorySessionArchiveStore();
		const paths = sessionPathsFor(base, SESSION_KEY);
		const adapter = new ArchiveStoreAdapter(store, SESSION_KEY, paths);
		mkdirSync(paths.root, { recursive: true });

		writeFileSync(paths.zipPath, 'zip-by-name');
		await adapter.save({ session: paths.sessionName }); // 1.34.7: bare session name
		expect(store.peek(SESSION_KEY)?.toString()).toBe('zip-by-name');

		writeFileSync(paths.zipPath, 'zip-by-path');
		await adapter.save({ session: path.join(paths.root, paths.sessionName) }); // older: full path without .zip
		expect(store.peek(SESSION_KEY)?.toString()).toBe('zip-by-path');

		const target = path.join(base, 'elsewhere', 'restore.zip');
		await adapter.extract({ session: paths.sessionName, path: target });
		expect(readFileSync(target, 'utf8')).toBe('zip-by-path');

		await expect(adapter.sessionExists({ session: 'RemoteAuth-someone-else' })).rejects.toThrow(/got session/);
		await adapter.delete({ session: paths.sessionName });
		expect(await adapter.sessionExists({ session: paths.sessionName })).toBe(false);
		await expect(adapter.extract({ session: paths.sessionName, path: target })).rejects.toThrow(/disappeared/);
	});

	test.each([
		['CONFLICT', true],
		['TOS_BLOCK', true],
		['DEPRECATED_VERSION', true],
		['UNPAIRED', false],
		['UNPAIRED_IDLE', false],
	])('after change_state(%s) the library disconnect keeps the stored login: %s', async (state, kept) => {
		const store = new InMemorySessionArchiveStore();
		const paths = sessionPathsFor(base, SESSION_KEY);
		await store.save(SESSION_KEY, Buffer.from('login'));
		const { auth, client } = makeAuth(store, paths);
		// The library emits change_state, then calls authStrategy.disconnect(), then emits disconnected.
		client.emit('change_state', state);
		await auth.disconnect();
		expect(store.size === 1).toBe(kept);
		expect(auth.storedLoginForgotten).toBe(!kept);
	});

	test('first backup after ready happens once, and never after destroy (the library would leak an interval)', async () => {
		const store = new InMemorySessionArchiveStore();
		const paths = sessionPathsFor(base, SESSION_KEY);

		const quick = makeAuth(store, paths, 10);
		await quick.auth.beforeBrowserInitialized();
		writeProfile(paths.userDataDir);
		const saved = jest.fn();
		quick.client.on('remote_session_saved', saved);
		await quick.auth.afterAuthReady();
		expect(saved).toHaveBeenCalledTimes(1);
		expect(store.size).toBe(1);
		await quick.auth.destroy();
		expect((quick.auth as unknown as { backupSync?: unknown }).backupSync).toBeUndefined();

		await store.delete(SESSION_KEY);
		const slow = makeAuth(store, paths, 60_000);
		const pending = slow.auth.afterAuthReady();
		await new Promise((resolve) => setTimeout(resolve, 20));
		await slow.auth.destroy();
		await pending; // resolves promptly instead of sleeping 60 s
		expect(store.size).toBe(0);
		expect((slow.auth as unknown as { backupSync?: unknown }).backupSync).toBeUndefined();
	});

	test('finalBackup saves only for a session that reached ready and was not logged out', async () => {
		const store = new InMemorySessionArchiveStore();
		const paths = sessionPathsFor(base, SESSION_KEY);
		const { auth } = makeAuth(store, paths, 60_000);
		await auth.beforeBrowserInitialized();
		writeProfile(paths.userDataDir);
		expect(await auth.finalBackup()).toBe(false);
		const pending = auth.afterAuthReady();
		auth.markClosing();
		await pending;
		expect(await auth.finalBackup()).toBe(true);
		expect(store.size).toBe(1);
	});
});
