/** How this process runs WhatsApp Web sessions (the WEB_* variables, defaults applied). */
export interface WebSettings {
	/** fake: no browser, a scriptable phone (the Web sandbox); real: whatsapp-web.js over system Chromium. */
	readonly driver: 'real' | 'fake';
	readonly chromiumPath: string;
	readonly extraChromiumArgs: readonly string[];
	/** Pinned WhatsApp Web build, and where its `<version>.html` is cached. */
	readonly webVersion: string | undefined;
	readonly webVersionCacheDir: string;
	readonly webVersionRemoteUrl: string | undefined;
	/** What a start does when the pinned build is not available: run the live build (with a warning) or fail. */
	readonly webVersionFallback: 'live' | 'fail';
	/** Browser profiles and the version cache live here (rebuilt from the database on every start). */
	readonly dataPath: string;
	readonly startTimeoutMs: number;
	/** Sessions one process runs at most; more wait for another replica or a free slot. */
	readonly maxSessionsPerProcess: number;
	/** QR codes offered per login attempt before the session stops. */
	readonly qrMaxRotations: number;
	/** How long a pairing-code login may wait for the code to be typed on the phone. */
	readonly pairingTimeoutMs: number;
	/** Gap between sessions resumed or taken over, so a restart does not launch every Chromium at once. */
	readonly resumeStaggerMs: number;
	/** Session ownership lease; renewed every third of it, taken over by another replica once expired. */
	readonly leaseTtlMs: number;
	/** Unique id of this process in lease rows; random per start unless given (then it must be unique per replica). */
	readonly workerId: string | undefined;
	/** Where the other replicas reach this one (REPLICA_URL): kept in our leases so they forward a session's requests here. */
	readonly replicaUrl: string | undefined;
	readonly restartBaseMs: number;
	readonly restartMaxMs: number;
	/** Failed starts in a row before a session is left FAILED for a person to look at. */
	readonly restartMaxAttempts: number;
	/** A WORKING session whose browser holds more than this is restarted with its login kept; 0: never. */
	readonly browserMemoryLimitBytes: number;
	/** Media fetched from a URL for a send: size cap, timeout, and whether private addresses may be fetched. */
	readonly mediaMaxBytes: number;
	readonly mediaFetchTimeoutMs: number;
	readonly mediaAllowPrivateUrls: boolean;
}
