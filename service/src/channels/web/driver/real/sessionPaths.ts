import { createHash } from 'node:crypto';
import path from 'node:path';

/** RemoteAuth only accepts clientIds matching this (and we keep them short for path limits). */
const SAFE_CLIENT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Where one session lives on disk; every Chromium process of the session mentions `root` in its command line. */
export interface SessionPaths {
	/** Library clientId: the session key when safe, otherwise a hash of it. */
	readonly clientId: string;
	/** `<dataPath>/<clientId>`: RemoteAuth's dataPath for this session only. */
	readonly root: string;
	/** Chromium profile (RemoteAuth's `<dataPath>/RemoteAuth-<clientId>`). */
	readonly userDataDir: string;
	/** RemoteAuth's sessionName, the value it passes to the store. */
	readonly sessionName: string;
	/** Zip RemoteAuth writes before save and expects after extract. */
	readonly zipPath: string;
	/** Crashpad database (BREAKPAD_DUMP_LOCATION), so crash handlers are findable by path too. */
	readonly crashDumpDir: string;
}

export function clientIdFor(sessionKey: string): string {
	if (SAFE_CLIENT_ID.test(sessionKey)) return sessionKey;
	return `s-${createHash('sha256').update(sessionKey).digest('hex').slice(0, 32)}`;
}

export function sessionPathsFor(dataPath: string, sessionKey: string): SessionPaths {
	const clientId = clientIdFor(sessionKey);
	const root = path.join(path.resolve(dataPath), clientId);
	const sessionName = `RemoteAuth-${clientId}`;
	return {
		clientId,
		root,
		userDataDir: path.join(root, sessionName),
		sessionName,
		zipPath: path.join(root, `${sessionName}.zip`),
		crashDumpDir: path.join(root, 'crashpad'),
	};
}
