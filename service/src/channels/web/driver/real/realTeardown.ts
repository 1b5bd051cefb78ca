import { promises as fs } from 'node:fs';
import type { Client as LibraryClient } from 'whatsapp-web.js';
import type { DriverLogger } from '../driverLogger';
import type { WebDriverError } from '../webDriverError';
import { reapSession } from './chromiumReaper';
import type { DriverRemoteAuth } from './driverRemoteAuth';
import type { RealClientSettings } from './realClientSettings';
import type { SessionPaths } from './sessionPaths';
import { settleWithin } from './settle';

export interface TeardownPlan {
	/** What a pending initialize() rejects with. */
	readonly reason: WebDriverError;
	/** Zip the profile into the store after the browser closed. */
	readonly backup: boolean;
	/** Delete the stored login and the local profile (logout, unlink). */
	readonly forgetLogin?: boolean;
	/** Ask WhatsApp to unlink this device first (Client.logout). */
	readonly unlinkDevice?: boolean;
}

/** The client being torn down, read as teardown goes: a start in flight may still launch a browser meanwhile. */
export interface ClosingClient {
	readonly sessionKey: string;
	readonly settings: RealClientSettings;
	readonly paths: SessionPaths;
	readonly logger: DriverLogger;
	readonly library: LibraryClient | undefined;
	readonly auth: DriverRemoteAuth | undefined;
	readonly browserPid: number | null;
	/** The library's initialize(), settled either way, while a start is in flight. */
	readonly libraryInit: Promise<void> | undefined;
}

/** Closes the browser, then SIGKILLs anything of the session still alive and waits until it is gone. */
export async function runTeardown(client: ClosingClient, plan: TeardownPlan): Promise<void> {
	const { settings, paths, sessionKey, logger } = client;
	const startedAt = Date.now();
	const library = client.library;
	if (plan.unlinkDevice && library) {
		if ((await settleWithin(library.logout(), settings.closeTimeoutMs)) === 'timeout') {
			logger.warn({ sessionKey }, 'library logout timed out; killing the browser');
		}
	}
	const browser = library?.pupBrowser;
	if (browser?.connected) await settleWithin(browser.close(), settings.closeTimeoutMs);
	// A start in flight may still launch a browser (onBrowser closes it); let it finish before reaping.
	if (client.libraryInit) await settleWithin(client.libraryInit, settings.closeTimeoutMs);
	const reaped = await reapSession(paths.root, client.browserPid);
	if (reaped.killed.length > 0) logger.warn({ sessionKey, pids: reaped.killed }, 'killed leftover Chromium processes');
	if (reaped.survivors.length > 0) logger.error({ sessionKey, pids: reaped.survivors }, 'Chromium processes survived SIGKILL');
	await settleStoredLogin(client, plan);
	library?.removeAllListeners();
	logger.info({ sessionKey, ms: Date.now() - startedAt, reason: plan.reason.message }, 'WhatsApp Web client closed');
}

/** After the browser is gone: back up, or forget, the login; then drop the local profile. */
async function settleStoredLogin(client: ClosingClient, plan: TeardownPlan): Promise<void> {
	const { settings, paths, sessionKey, logger } = client;
	try {
		if (plan.forgetLogin || client.auth?.storedLoginForgotten) await settings.store.delete(sessionKey);
		else if (plan.backup && settings.backupOnDestroy && (await client.auth?.finalBackup())) {
			logger.debug({ sessionKey }, 'session backed up on close');
		}
	} catch (error) {
		logger.warn({ err: error, sessionKey }, 'saving or deleting the stored session on close failed');
	}
	// RemoteAuth rebuilds the profile from the store on every start, so the local copy is only a cache.
	if (settings.removeLocalDataOnDestroy || plan.forgetLogin) {
		await fs.rm(paths.root, { recursive: true, force: true, maxRetries: 3 }).catch((error: unknown) => {
			logger.warn({ err: error, sessionKey }, 'removing the session directory failed');
		});
	}
}
