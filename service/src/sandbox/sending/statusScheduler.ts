import type { SimulatorClock } from '../clock';
import type { StatusWebhookConfig } from '../config';
import type { WebhookError } from '../graph/errors';
import type { FaultInjector } from '../state/faults';
import type { OutboundStatus, SentMessageRecord } from '../state/messageLog';
import type { Registry } from '../state/registry';
import type { SimulatorStats } from '../state/stats';
import type { WebhookEmitter } from '../webhooks/emitter';
import { messagesChange, statusObject, type WebhookStatus } from '../webhooks/payloads';

/**
 * Plays out what happens to a message after Meta accepted it: `sent`, then `delivered`, then `read`
 * (or a single `failed`), each as a status webhook after a configurable delay. Faults may reorder or
 * duplicate them; the record keeps the furthest status reached, as clients must.
 */
export interface StatusSchedulerDeps {
	config: () => StatusWebhookConfig;
	random: () => number;
	clock: SimulatorClock;
	registry: Registry;
	faults: FaultInjector;
	emitter: WebhookEmitter;
	stats: SimulatorStats;
}

const RANK: Record<OutboundStatus, number> = { accepted: 0, sent: 1, delivered: 2, read: 3, failed: 4 };

export class StatusScheduler {
	private readonly timers = new Set<NodeJS.Timeout>();
	private idleWaiters: Array<() => void> = [];

	constructor(private readonly deps: StatusSchedulerDeps) {}

	/** Plans the webhooks for a just-accepted message; `failure` turns them into one `failed` status. */
	schedule(record: SentMessageRecord, failure?: WebhookError): void {
		const config = this.deps.config();
		if (!config.enabled) return;
		const plan = this.plan(record, config, failure);
		const context = { scope: 'messages' as const, phoneNumberId: record.phoneNumberId, recipient: record.to };
		if (plan.length > 1 && this.deps.faults.take('out_of_order_webhooks', context)) {
			this.deps.stats.recordFault('out_of_order_webhooks');
			const delays = plan.map((step) => step.delayMs);
			plan.reverse().forEach((step, i) => (step.delayMs = delays[i]!));
		}
		for (const step of plan) this.after(step.delayMs, () => this.emit(record, step.status, step.errors));
	}

	/** Sends one status webhook now (also used by the control API to drive statuses by hand). */
	emit(record: SentMessageRecord, status: WebhookStatus, errors?: WebhookError[]): void {
		const number = this.deps.registry.phoneNumbers.get(record.phoneNumberId);
		if (!number) return;
		if (RANK[status] > RANK[record.status]) record.status = status;
		const now = this.deps.clock.now();
		record.statusHistory.push({ status, at: now });
		if (errors) record.errors = errors;

		let withBilling = status === 'sent';
		if ((status === 'delivered' || status === 'read') && !record.billedAfterSent) {
			record.billedAfterSent = true;
			withBilling = true;
		}
		const app = this.deps.registry.apps.get(number.appId);
		const body = messagesChange(number, {
			statuses: [
				statusObject(
					{ ...record, version: app?.webhookVersion ?? record.version },
					{
						status,
						timestampSeconds: Math.floor(now / 1000),
						withBilling,
						errors,
						pricingType: record.pricingType,
						conversationExpiresAt: record.acceptedAt + 24 * 3600 * 1000,
					},
				),
			],
		});
		const job = { appId: number.appId, kind: 'status' as const, body, messageId: record.id };
		this.deps.emitter.enqueue(job);
		this.deps.stats.recordStatus(status);
		if (this.deps.faults.take('duplicate_webhooks', { scope: 'messages', phoneNumberId: record.phoneNumberId, recipient: record.to })) {
			this.deps.stats.recordFault('duplicate_webhooks');
			this.deps.emitter.enqueue(job);
		}
	}

	pending(): number {
		return this.timers.size;
	}

	idle(): Promise<void> {
		if (this.timers.size === 0) return Promise.resolve();
		return new Promise((resolve) => this.idleWaiters.push(resolve));
	}

	close(): void {
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		this.notifyIdle();
	}

	private plan(record: SentMessageRecord, config: StatusWebhookConfig, failure?: WebhookError): Array<{ status: WebhookStatus; delayMs: number; errors?: WebhookError[] }> {
		if (failure) return [{ status: 'failed', delayMs: config.sentDelayMs, errors: [failure] }];
		const plan: Array<{ status: WebhookStatus; delayMs: number }> = [{ status: 'sent', delayMs: config.sentDelayMs }];
		// Reactions only ever get `sent` (contract A.1).
		if (record.type === 'reaction') return plan;
		const willRead = this.chance(config.readProbability);
		const skipDelivered = willRead && this.chance(config.skipDeliveredProbability);
		if (!skipDelivered) plan.push({ status: 'delivered', delayMs: config.deliveredDelayMs });
		if (willRead) plan.push({ status: 'read', delayMs: config.readDelayMs });
		return plan;
	}

	/** Rolls only for real probabilities, so certain outcomes leave an injected random sequence untouched. */
	private chance(probability: number): boolean {
		if (probability >= 1) return true;
		if (probability <= 0) return false;
		return this.deps.random() < probability;
	}

	private after(delayMs: number, action: () => void): void {
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			action();
			this.notifyIdle();
		}, delayMs);
		this.timers.add(timer);
	}

	private notifyIdle(): void {
		if (this.timers.size > 0 || this.idleWaiters.length === 0) return;
		const waiters = this.idleWaiters;
		this.idleWaiters = [];
		for (const resolve of waiters) resolve();
	}
}
