import { silentLogger, type DriverLogger } from '../driverLogger';
import { InMemorySessionArchiveStore } from '../inMemorySessionArchiveStore';
import type { SessionArchiveStore } from '../sessionArchiveStore';
import type { BrowserUsage, WebClientOptions, WebDriver } from '../webClient';
import { WebDriverError } from '../webDriverError';
import type { FakePhone } from './fakePhone';
import type { FakeClientSettings, ScriptedStart } from './fakeSettings';
import { FakeWebClient } from './fakeWebClient';

export type FakeWebDriverOptions = Partial<Omit<FakeClientSettings, 'store' | 'logger' | 'isOnWhatsApp'>> & {
	/** Where fake logins persist; share one between driver instances to test resume after restart. */
	readonly store?: SessionArchiveStore;
	readonly logger?: DriverLogger;
	/** Numbers (digits) that have WhatsApp. Default: every number except those starting with 999. */
	readonly isOnWhatsApp?: (user: string) => boolean;
};

/**
 * WebDriver without browsers, for the product's tests and benchmarks. Clients behave like the real
 * ones on the session manager's side; tests drive the other side through `phone(sessionKey)`.
 */
export class FakeWebDriver implements WebDriver {
	readonly kind = 'fake' as const;
	readonly store: SessionArchiveStore;
	private readonly settings: FakeClientSettings;
	private readonly clients = new Map<string, FakeWebClient>();
	private readonly scripts = new Map<string, ScriptedStart>();

	constructor(options: FakeWebDriverOptions = {}) {
		this.store = options.store ?? new InMemorySessionArchiveStore();
		this.settings = {
			store: this.store,
			qrIntervalMs: options.qrIntervalMs ?? 20_000,
			pairingCodeIntervalMs: options.pairingCodeIntervalMs ?? 180_000,
			startDelayMs: options.startDelayMs ?? 0,
			startTimeoutMs: options.startTimeoutMs ?? 60_000,
			ackDelayMs: options.ackDelayMs ?? 0,
			autoAck: options.autoAck ?? true,
			firstBackupDelayMs: options.firstBackupDelayMs ?? 0,
			maxMessagesPerChat: options.maxMessagesPerChat ?? 50,
			emitLoadingScreen: options.emitLoadingScreen ?? false,
			isOnWhatsApp: options.isOnWhatsApp ?? ((user) => !user.startsWith('999')),
			logger: options.logger ?? silentLogger,
		};
	}

	createClient(options: WebClientOptions): FakeWebClient {
		if (this.clients.has(options.sessionKey)) {
			throw new WebDriverError('invalid_argument', `session ${options.sessionKey} already has a live client`);
		}
		const script = this.scripts.get(options.sessionKey);
		this.scripts.delete(options.sessionKey);
		const client = new FakeWebClient(options, this.settings, script, (closed) => {
			if (this.clients.get(closed.sessionKey) === closed) this.clients.delete(closed.sessionKey);
		});
		this.clients.set(options.sessionKey, client);
		return client;
	}

	liveClients(): readonly FakeWebClient[] {
		return [...this.clients.values()];
	}

	/** The sandbox runs no browser: each client reports what a test gave it (none by default). */
	async measureBrowsers(): Promise<Map<string, BrowserUsage>> {
		return new Map([...this.clients.values()].map((client) => [client.sessionKey, { ...client.browser }]));
	}

	async shutdown(): Promise<void> {
		await Promise.allSettled([...this.clients.values()].map((client) => client.destroy()));
	}

	/** The live client of a session (what the session manager created), if any. */
	client(sessionKey: string): FakeWebClient | undefined {
		return this.clients.get(sessionKey);
	}

	/** The phone of a session's live client; throws when the session has none. */
	phone(sessionKey: string): FakePhone {
		const client = this.clients.get(sessionKey);
		if (!client) throw new WebDriverError('invalid_argument', `no live fake client for ${sessionKey}`);
		return client.phone;
	}

	/** Makes the next client created for this session fail its start in the given way (once). */
	scriptNextStart(sessionKey: string, script: ScriptedStart): void {
		this.scripts.set(sessionKey, script);
	}
}
