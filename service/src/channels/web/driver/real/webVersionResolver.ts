import { existsSync, promises as fs, readdirSync } from 'node:fs';
import path from 'node:path';
import type { DriverLogger } from '../driverLogger';
import { WebDriverError } from '../webDriverError';

/** What to do when the pinned WhatsApp Web build is neither cached nor fetchable. */
export type MissingWebVersionPolicy = 'live' | 'fail';

export interface WebVersionSettings {
	/** Pinned WhatsApp Web build, e.g. '2.3000.1017054665'. */
	readonly version: string;
	/** Directory of `<version>.html` files (the library's LocalWebCache layout), shared by all sessions. */
	readonly cacheDir: string;
	/** Optional archive URL with `{version}`; fetched by us with a timeout, never by the browser. */
	readonly remoteUrl?: string;
	readonly fetchTimeoutMs: number;
	readonly onMissing: MissingWebVersionPolicy;
}

/** The library's webVersionCache option, restated (LocalWebCacheOptions). */
export interface LocalWebCacheOption {
	readonly type: 'local';
	readonly path: string;
	readonly strict: boolean;
}

export interface ResolvedWebVersion {
	readonly webVersion: string;
	readonly webVersionCache: LocalWebCacheOption;
	/** cache: pinned build served from disk; remote: just downloaded into the cache; live: whatever web.whatsapp.com serves. */
	readonly source: 'cache' | 'remote' | 'live';
}

/** How long a failed download is remembered, so 100 sessions starting together don't each wait out a timeout. */
const NEGATIVE_CACHE_MS = 5 * 60_000;

/**
 * Decides, before any browser starts, which WhatsApp Web build a session will run.
 * The library's own remote cache fetches without a timeout and its local cache silently falls back to
 * the live build (then saves it under the live version's name, so the pin never takes). We resolve
 * the pin ourselves and hand the library a strict local cache when we have the file.
 */
export class WebVersionResolver {
	private inFlight: Promise<boolean> | undefined;
	private failedAt = 0;
	private warnedLive = false;

	constructor(
		private readonly settings: WebVersionSettings,
		private readonly logger: DriverLogger,
	) {}

	get cacheFile(): string {
		return path.join(this.settings.cacheDir, `${this.settings.version}.html`);
	}

	async resolve(): Promise<ResolvedWebVersion> {
		const { version, cacheDir } = this.settings;
		if (existsSync(this.cacheFile)) return this.pinned('cache');
		if (this.settings.remoteUrl && (await this.download())) return this.pinned('remote');
		if (this.settings.onMissing === 'fail') {
			throw new WebDriverError(
				'web_version_unavailable',
				`WhatsApp Web ${version} is not in ${cacheDir} and could not be downloaded`,
			);
		}
		this.warnLiveOnce();
		return { webVersion: version, webVersionCache: { type: 'local', path: cacheDir, strict: false }, source: 'live' };
	}

	/**
	 * Once per process, not per session start (a restart resumes every session): what is running instead of the
	 * pin, and which builds the cache already holds (a live run saves its own), so the operator can pin one.
	 */
	private warnLiveOnce(): void {
		if (this.warnedLive) return;
		this.warnedLive = true;
		const cached = existsSync(this.settings.cacheDir) ? readdirSync(this.settings.cacheDir).filter((file) => file.endsWith('.html')).map((file) => file.slice(0, -'.html'.length)) : [];
		this.logger.warn(
			{ version: this.settings.version, cacheDir: this.settings.cacheDir, cachedVersions: cached },
			'pinned WhatsApp Web build unavailable; using the live build (set WEB_VERSION to a cached build to pin one, or WEB_VERSION_FALLBACK=fail to refuse)',
		);
	}

	private pinned(source: 'cache' | 'remote'): ResolvedWebVersion {
		return {
			webVersion: this.settings.version,
			webVersionCache: { type: 'local', path: this.settings.cacheDir, strict: true },
			source,
		};
	}

	/** One download at a time for all sessions; failures are remembered for a while. */
	private download(): Promise<boolean> {
		if (Date.now() - this.failedAt < NEGATIVE_CACHE_MS) return Promise.resolve(false);
		this.inFlight ??= this.fetchIntoCache().finally(() => {
			this.inFlight = undefined;
		});
		return this.inFlight;
	}

	private async fetchIntoCache(): Promise<boolean> {
		const url = (this.settings.remoteUrl ?? '').replace('{version}', this.settings.version);
		try {
			const response = await fetch(url, { signal: AbortSignal.timeout(this.settings.fetchTimeoutMs) });
			const html = response.ok ? await response.text() : '';
			if (!/<html/i.test(html)) throw new Error(`HTTP ${response.status} or not an HTML page`);
			await fs.mkdir(this.settings.cacheDir, { recursive: true });
			// Write then rename so a session starting meanwhile never reads half a file.
			const temp = `${this.cacheFile}.${process.pid}.tmp`;
			await fs.writeFile(temp, html);
			await fs.rename(temp, this.cacheFile);
			this.logger.info({ version: this.settings.version }, 'downloaded pinned WhatsApp Web build');
			return true;
		} catch (error) {
			this.failedAt = Date.now();
			this.logger.warn({ err: error, url }, 'could not download the pinned WhatsApp Web build');
			return false;
		}
	}
}
