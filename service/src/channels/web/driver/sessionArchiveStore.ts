/**
 * Where a session's login survives restarts: one zip per session (the whatsapp-web.js RemoteAuth
 * archive of the browser profile's Default/{IndexedDB,Local Storage}). The service implements it
 * over its database; the driver never needs more than these four operations.
 * Archives hold live credentials: implementations should encrypt at rest.
 */
export interface SessionArchiveStore {
	exists(sessionKey: string): Promise<boolean>;
	save(sessionKey: string, zip: Buffer): Promise<void>;
	load(sessionKey: string): Promise<Buffer | null>;
	delete(sessionKey: string): Promise<void>;
}
