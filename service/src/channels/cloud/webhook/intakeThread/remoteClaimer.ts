import { leaseTokenFor } from '../../../../events/deliveryWorker';
import type { Handoff, LocalClaimer } from '../../../../events/outbox';
import type { ClaimWindow, FromIntakeThread } from './protocol';

/**
 * The main thread's delivery worker, seen from the intake thread: the outbox leases new deliveries to it as it
 * would in the main thread, within the free slots the latest units came with, and the leased deliveries go back to
 * the main thread once their transaction has committed.
 */
export class RemoteClaimer implements LocalClaimer {
	private window: ClaimWindow | null = null;
	/** Leased since the window was measured: the main thread did not count them yet. */
	private leasedSinceWindow = 0;
	private handoffs: Handoff[] = [];
	private wakeWanted = false;
	private scheduled = false;

	constructor(private readonly post: (message: FromIntakeThread) => void) {}

	renew(window: ClaimWindow | null): void {
		this.window = window;
		this.leasedSinceWindow = 0;
	}

	get ownerTag(): string {
		return this.window?.ownerTag ?? '';
	}

	freeSlots(): number {
		return this.window ? Math.max(0, this.window.slots - this.leasedSinceWindow) : 0;
	}

	leaseUntil(): string {
		return new Date(Date.now() + (this.window?.leaseMs ?? 0)).toISOString();
	}

	newLeaseToken(): string {
		return leaseTokenFor(this.ownerTag);
	}

	accept(handoffs: readonly Handoff[]): void {
		this.leasedSinceWindow += handoffs.length;
		this.handoffs.push(...handoffs);
		this.schedule();
	}

	wake(): void {
		this.wakeWanted = true;
		this.schedule();
	}

	/** committed() calls accept and wake in one go: they travel as one message. */
	private schedule(): void {
		if (this.scheduled) return;
		this.scheduled = true;
		queueMicrotask(() => {
			this.scheduled = false;
			const message: FromIntakeThread = { kind: 'handoffs', handoffs: this.handoffs, wake: this.wakeWanted };
			this.handoffs = [];
			this.wakeWanted = false;
			this.post(message);
		});
	}
}
