import type { FastifyReply } from 'fastify';

/**
 * Requests held open by a `timeout` fault. Each one is answered by dropping the connection after its delay,
 * which is what a client sees when Meta times out; closing the server drops them all at once.
 */
export class HangingRequests {
	private readonly pending = new Map<NodeJS.Timeout, { reply: FastifyReply; done: () => void }>();

	hang(reply: FastifyReply, ms: number): Promise<void> {
		reply.hijack();
		return new Promise<void>((resolve) => {
			const timer = setTimeout(() => this.release(timer), ms);
			this.pending.set(timer, { reply, done: resolve });
		});
	}

	releaseAll(): void {
		for (const timer of [...this.pending.keys()]) this.release(timer);
	}

	private release(timer: NodeJS.Timeout): void {
		const entry = this.pending.get(timer);
		if (!entry) return;
		clearTimeout(timer);
		this.pending.delete(timer);
		entry.reply.raw.destroy();
		entry.done();
	}
}
