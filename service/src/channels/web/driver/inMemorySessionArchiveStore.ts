import type { SessionArchiveStore } from './sessionArchiveStore';

/** SessionArchiveStore kept in a Map, for tests and benchmarks. Copies buffers so callers can't alias them. */
export class InMemorySessionArchiveStore implements SessionArchiveStore {
	private readonly archives = new Map<string, Buffer>();
	/** Every call, in order, when recordCalls is on (off by default so benchmarks don't grow it). */
	readonly calls: { op: 'exists' | 'save' | 'load' | 'delete'; sessionKey: string }[] = [];
	private readonly recordCalls: boolean;

	constructor(options: { recordCalls?: boolean } = {}) {
		this.recordCalls = options.recordCalls ?? false;
	}

	private record(op: 'exists' | 'save' | 'load' | 'delete', sessionKey: string): void {
		if (this.recordCalls) this.calls.push({ op, sessionKey });
	}

	async exists(sessionKey: string): Promise<boolean> {
		this.record('exists', sessionKey);
		return this.archives.has(sessionKey);
	}

	async save(sessionKey: string, zip: Buffer): Promise<void> {
		this.record('save', sessionKey);
		this.archives.set(sessionKey, Buffer.from(zip));
	}

	async load(sessionKey: string): Promise<Buffer | null> {
		this.record('load', sessionKey);
		const zip = this.archives.get(sessionKey);
		return zip ? Buffer.from(zip) : null;
	}

	async delete(sessionKey: string): Promise<void> {
		this.record('delete', sessionKey);
		this.archives.delete(sessionKey);
	}

	/** Synchronous peek for tests. */
	peek(sessionKey: string): Buffer | undefined {
		return this.archives.get(sessionKey);
	}

	get size(): number {
		return this.archives.size;
	}
}
