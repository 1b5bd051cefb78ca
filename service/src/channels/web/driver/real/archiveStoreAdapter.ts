import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { SessionArchiveStore } from '../sessionArchiveStore';
import type { SessionPaths } from './sessionPaths';

/** whatsapp-web.js RemoteAuth's Store contract (index.d.ts `Store`), restated so no library type leaks. */
export interface RemoteAuthStore {
	sessionExists(options: { session: string }): Promise<boolean>;
	save(options: { session: string }): Promise<void>;
	extract(options: { session: string; path: string }): Promise<void>;
	delete(options: { session: string }): Promise<void>;
}

/**
 * Binds RemoteAuth to one session of our SessionArchiveStore.
 *
 * RemoteAuth's arguments are awkward: `sessionExists`, `extract` and `delete` get the session name,
 * `extract` must write the zip to `path`, and `save` gets no zip at all, only a session that points
 * at it. Older releases pass the full path without `.zip`; 1.34.7 passes the bare session name and
 * leaves the zip at `<dataPath>/<sessionName>.zip`. We accept both and always key the store by our
 * own sessionKey, so library naming never reaches the database.
 */
export class ArchiveStoreAdapter implements RemoteAuthStore {
	constructor(
		private readonly store: SessionArchiveStore,
		private readonly sessionKey: string,
		private readonly paths: SessionPaths,
	) {}

	async sessionExists({ session }: { session: string }): Promise<boolean> {
		this.checkSession(session);
		return this.store.exists(this.sessionKey);
	}

	async save({ session }: { session: string }): Promise<void> {
		this.checkSession(session);
		const zip = await fs.readFile(this.zipPathFor(session));
		await this.store.save(this.sessionKey, zip);
	}

	async extract({ session, path: zipPath }: { session: string; path: string }): Promise<void> {
		this.checkSession(session);
		const zip = await this.store.load(this.sessionKey);
		// RemoteAuth only extracts after sessionExists said yes; a miss here is a race with delete.
		if (!zip) throw new Error(`session archive for ${this.sessionKey} disappeared between exists and load`);
		await fs.mkdir(path.dirname(zipPath), { recursive: true });
		await fs.writeFile(zipPath, zip);
	}

	async delete({ session }: { session: string }): Promise<void> {
		this.checkSession(session);
		await this.store.delete(this.sessionKey);
	}

	private zipPathFor(session: string): string {
		return path.isAbsolute(session) ? `${session}.zip` : path.join(this.paths.root, `${session}.zip`);
	}

	/** One adapter per session: anything else means RemoteAuth was wired to the wrong store. */
	private checkSession(session: string): void {
		if (path.basename(session) !== this.paths.sessionName) {
			throw new Error(`archive adapter for ${this.paths.sessionName} got session ${session}`);
		}
	}
}
