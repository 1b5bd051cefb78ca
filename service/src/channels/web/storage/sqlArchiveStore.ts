import type { SessionArchiveStore } from '../driver';
import { archiveScopeOf, parseSessionKey } from '../sessions/sessionKey';
import type { ArchivesRepository } from './archivesRepository';

/**
 * RemoteAuth's store, over the database: the login of a session lives beside its row, so any replica can
 * start it. Keys that are not ours (never produced by sessionKeyOf) hold nothing.
 */
export class SqlArchiveStore implements SessionArchiveStore {
	constructor(private readonly archives: ArchivesRepository) {}

	async exists(sessionKey: string): Promise<boolean> {
		const key = parseSessionKey(sessionKey);
		return key ? this.archives.exists(archiveScopeOf(key.tenantId), key.sessionId) : false;
	}

	async load(sessionKey: string): Promise<Buffer | null> {
		const key = parseSessionKey(sessionKey);
		return key ? this.archives.load(archiveScopeOf(key.tenantId), key.sessionId) : null;
	}

	async save(sessionKey: string, zip: Buffer): Promise<void> {
		const key = parseSessionKey(sessionKey);
		if (!key) throw new Error(`not a web session key: ${sessionKey}`);
		// A session deleted while its browser was closing has nowhere to keep a login, and needs none.
		await this.archives.save(archiveScopeOf(key.tenantId), key.sessionId, zip);
	}

	async delete(sessionKey: string): Promise<void> {
		const key = parseSessionKey(sessionKey);
		if (key) await this.archives.delete(archiveScopeOf(key.tenantId), key.sessionId);
	}
}
