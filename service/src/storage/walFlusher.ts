import fs from 'node:fs';

/**
 * Makes committed SQLite transactions durable without blocking the event loop: fdatasync of the WAL file on libuv's
 * thread pool instead of inside COMMIT on the main thread (synchronous = FULL). A webhook batch's commit used to hold
 * the main thread for the whole fsync, 14% of its time at full load, while requests waited unparsed.
 *
 * `flush()` resolves once an fdatasync that started after the call has finished, so everything committed before
 * the call is on disk. Calls made while one runs share the next one: a busy writer pays one fsync per round, not
 * per commit (group commit, as SQLite's own FULL mode cannot do across transactions).
 */
export class WalFlusher {
	private inFlight: Promise<void> | undefined;
	private queued: Promise<void> | undefined;
	private fd: number | undefined;

	/** `sync` is the disk flush itself (the WAL's fdatasync); tests pass their own to watch the ordering. */
	constructor(
		private readonly walPath: string,
		private readonly sync: () => Promise<void> = () => this.fdatasyncWal(),
	) {}

	flush(): Promise<void> {
		if (!this.inFlight) {
			this.inFlight = this.sync().finally(() => {
				this.inFlight = undefined;
			});
			return this.inFlight;
		}
		// The running fdatasync may have started before the caller's commit: it needs the next one.
		this.queued ??= this.inFlight
			.catch(() => undefined)
			.then(() => {
				this.queued = undefined;
				return this.flush();
			});
		return this.queued;
	}

	/** Waits for a flush in progress, then closes the WAL's descriptor. */
	async close(): Promise<void> {
		await this.queued?.catch(() => undefined);
		await this.inFlight?.catch(() => undefined);
		if (this.fd !== undefined) fs.closeSync(this.fd);
		this.fd = undefined;
	}

	/**
	 * fdatasync on our own descriptor of the WAL flushes the file's pages whoever wrote them. The file lives as long
	 * as the writer's connection is open (SQLite deletes it only when the last connection closes), so one descriptor
	 * opened at the first flush serves the life of the database.
	 */
	private async fdatasyncWal(): Promise<void> {
		this.fd ??= fs.openSync(this.walPath, 'r');
		const fd = this.fd;
		await new Promise<void>((resolve, reject) => fs.fdatasync(fd, (error) => (error ? reject(error) : resolve())));
	}
}
