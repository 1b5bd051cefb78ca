import type { Logger } from '../../logging/logger';
import type { Worker } from '../../service';
import type { EventOutbox } from '../outbox';
import type { ReplyWaitsRepository } from './replyWaitsRepository';

/** How long a settled wait stays visible (GET /v1/reply-waits/:id) after its delivery is done. */
export const SETTLED_RETENTION_MS = 10 * 60 * 1000;

/**
 * Turns expired waits into `reply.timeout` deliveries and clears settled ones. Runs in every process; on MySQL
 * SKIP LOCKED lets replicas share the due waits without settling one twice.
 */
export class ReplyWaitSweeper implements Worker {
	readonly name = 'reply-wait-sweeper';
	private timer: NodeJS.Timeout | undefined;
	private running: Promise<void> | undefined;

	constructor(
		private readonly deps: { waits: ReplyWaitsRepository; outbox: EventOutbox; logger: Logger; intervalMs: number },
	) {}

	async start(): Promise<void> {
		this.timer = setInterval(() => {
			this.running ??= this.sweep().finally(() => (this.running = undefined));
		}, this.deps.intervalMs);
	}

	async stop(): Promise<void> {
		clearInterval(this.timer);
		await this.running;
	}

	/** One pass; exposed so tests need not wait for the interval. */
	async sweep(): Promise<void> {
		try {
			let expired = 0;
			for (let batch = await this.deps.waits.expireDue(); batch > 0; batch = await this.deps.waits.expireDue()) expired += batch;
			if (expired > 0) this.deps.outbox.committed();
			await this.deps.waits.purgeSettled(new Date(Date.now() - SETTLED_RETENTION_MS).toISOString());
		} catch (error) {
			this.deps.logger.error({ err: error }, 'reply wait sweep failed; retrying at the next interval');
		}
	}
}
