import http from 'node:http';
import https from 'node:https';
import { hubSignature } from './signature';

/**
 * Delivers webhook POSTs the way Meta does: signed with the app secret, only HTTP 200 counts as
 * success, failures are retried on a schedule and then dropped. Sends never wait for it: jobs go into
 * a queue drained by a bounded number of concurrent requests over keep-alive connections.
 */
export interface WebhookDeliveryConfig {
	/** Delay before each retry after a failed attempt; its length is the number of retries. */
	retryDelaysMs: number[];
	maxConcurrency: number;
	/** How long one attempt may take before it counts as failed. */
	timeoutMs: number;
	/** Jobs beyond this many waiting are dropped (and counted) rather than growing memory without bound. */
	maxQueue: number;
}

export type WebhookKind = 'status' | 'inbound' | 'template_status' | 'other';

export interface WebhookTarget {
	url: string;
	appSecret: string;
}

export type DeliveryState = 'pending' | 'delivered' | 'dropped' | 'no_callback';

export interface DeliveryRecord {
	id: number;
	appId: string;
	kind: WebhookKind;
	messageId?: string;
	body: string;
	url?: string;
	attempts: number;
	state: DeliveryState;
	lastStatus?: number;
	lastError?: string;
	createdAt: number;
	settledAt?: number;
}

export interface WebhookJob {
	appId: string;
	kind: WebhookKind;
	body: unknown;
	messageId?: string;
}

export interface EmitterStats {
	enqueued: number;
	delivered: number;
	failedAttempts: number;
	retries: number;
	dropped: number;
	overflowDropped: number;
	noCallback: number;
	queued: number;
	inFlight: number;
	waitingRetry: number;
}

type Settler = (record: DeliveryRecord) => void;

interface QueuedDelivery {
	record: DeliveryRecord;
	onSettled?: Settler;
}

export class WebhookEmitter {
	private readonly queue: QueuedDelivery[] = [];
	private queueHead = 0;
	private inFlight = 0;
	private readonly retryTimers = new Set<NodeJS.Timeout>();
	private readonly log: DeliveryRecord[] = [];
	private readonly idleWaiters: Array<() => void> = [];
	private readonly httpAgent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
	private readonly httpsAgent = new https.Agent({ keepAlive: true, maxSockets: Infinity });
	private sequence = 0;
	private closed = false;
	private readonly counters = { enqueued: 0, delivered: 0, failedAttempts: 0, retries: 0, dropped: 0, overflowDropped: 0, noCallback: 0 };

	constructor(
		private readonly targetOf: (appId: string) => WebhookTarget | undefined,
		private readonly config: () => WebhookDeliveryConfig,
		private readonly logSize = 1000,
	) {}

	/** Queues one POST; `onSettled` runs once it is delivered or given up. */
	enqueue(job: WebhookJob, onSettled?: Settler): DeliveryRecord {
		const record: DeliveryRecord = {
			id: ++this.sequence,
			appId: job.appId,
			kind: job.kind,
			messageId: job.messageId,
			body: typeof job.body === 'string' ? job.body : JSON.stringify(job.body),
			attempts: 0,
			state: 'pending',
			createdAt: Date.now(),
		};
		this.counters.enqueued++;
		this.remember(record);
		if (this.closed) {
			this.settle(record, 'dropped', onSettled);
			return record;
		}
		if (this.queue.length - this.queueHead >= this.config().maxQueue) {
			this.counters.overflowDropped++;
			record.lastError = 'queue full';
			this.settle(record, 'dropped', onSettled);
			return record;
		}
		this.queue.push({ record, onSettled });
		this.pump();
		return record;
	}

	/** Resolves once nothing is queued, in flight or waiting for a retry. */
	idle(): Promise<void> {
		if (this.isIdle()) return Promise.resolve();
		return new Promise((resolve) => this.idleWaiters.push(resolve));
	}

	recent(limit = 100): DeliveryRecord[] {
		return this.log.slice(-limit).reverse();
	}

	stats(): EmitterStats {
		return {
			...this.counters,
			queued: this.queue.length - this.queueHead,
			inFlight: this.inFlight,
			waitingRetry: this.retryTimers.size,
		};
	}

	resetStats(): void {
		for (const key of Object.keys(this.counters) as Array<keyof typeof this.counters>) this.counters[key] = 0;
		this.log.length = 0;
	}

	close(): void {
		this.closed = true;
		for (const timer of this.retryTimers) clearTimeout(timer);
		this.retryTimers.clear();
		this.queue.length = 0;
		this.queueHead = 0;
		this.httpAgent.destroy();
		this.httpsAgent.destroy();
		this.notifyIdle();
	}

	private pump(): void {
		const limit = Math.max(1, this.config().maxConcurrency);
		while (this.inFlight < limit && this.queueHead < this.queue.length) {
			const next = this.queue[this.queueHead++]!;
			if (this.queueHead > 1024 && this.queueHead * 2 > this.queue.length) {
				this.queue.splice(0, this.queueHead);
				this.queueHead = 0;
			}
			this.inFlight++;
			void this.attempt(next).finally(() => {
				this.inFlight--;
				this.pump();
				this.notifyIdle();
			});
		}
	}

	private async attempt(delivery: QueuedDelivery): Promise<void> {
		const { record } = delivery;
		const target = this.targetOf(record.appId);
		if (!target) {
			// Meta sends nothing to an app without a callback URL; nothing to retry either.
			this.counters.noCallback++;
			this.settle(record, 'no_callback', delivery.onSettled);
			return;
		}
		record.url = target.url;
		record.attempts++;
		try {
			record.lastStatus = await this.post(target, record.body);
			record.lastError = undefined;
		} catch (error) {
			record.lastStatus = undefined;
			record.lastError = error instanceof Error ? error.message : String(error);
		}
		if (record.lastStatus === 200) {
			this.counters.delivered++;
			this.settle(record, 'delivered', delivery.onSettled);
			return;
		}
		this.counters.failedAttempts++;
		this.scheduleRetry(delivery);
	}

	private scheduleRetry(delivery: QueuedDelivery): void {
		const delays = this.config().retryDelaysMs;
		const retryIndex = delivery.record.attempts - 1;
		if (this.closed || retryIndex >= delays.length) {
			this.counters.dropped++;
			this.settle(delivery.record, 'dropped', delivery.onSettled);
			return;
		}
		this.counters.retries++;
		const timer = setTimeout(() => {
			this.retryTimers.delete(timer);
			this.queue.push(delivery);
			this.pump();
		}, delays[retryIndex]);
		this.retryTimers.add(timer);
	}

	private post(target: WebhookTarget, body: string): Promise<number> {
		const url = new URL(target.url);
		const isHttps = url.protocol === 'https:';
		const transport = isHttps ? https : http;
		const payload = Buffer.from(body);
		return new Promise<number>((resolve, reject) => {
			const request = transport.request(
				url,
				{
					method: 'POST',
					agent: isHttps ? this.httpsAgent : this.httpAgent,
					headers: {
						'content-type': 'application/json',
						'content-length': payload.length,
						'user-agent': 'facebookexternalua',
						'x-hub-signature-256': hubSignature(payload, target.appSecret),
					},
				},
				(response) => {
					response.resume();
					response.on('end', () => resolve(response.statusCode ?? 0));
					response.on('error', reject);
				},
			);
			request.setTimeout(this.config().timeoutMs, () => request.destroy(new Error(`no answer within ${this.config().timeoutMs} ms`)));
			request.on('error', reject);
			request.end(payload);
		});
	}

	private settle(record: DeliveryRecord, state: DeliveryState, onSettled?: Settler): void {
		record.state = state;
		record.settledAt = Date.now();
		onSettled?.(record);
	}

	private remember(record: DeliveryRecord): void {
		this.log.push(record);
		if (this.log.length > this.logSize * 2) this.log.splice(0, this.log.length - this.logSize);
	}

	private isIdle(): boolean {
		return this.inFlight === 0 && this.queueHead >= this.queue.length && this.retryTimers.size === 0;
	}

	private notifyIdle(): void {
		if (!this.isIdle() || this.idleWaiters.length === 0) return;
		for (const resolve of this.idleWaiters.splice(0)) resolve();
	}
}
