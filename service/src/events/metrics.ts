import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The service's Prometheus metrics. One registry per service instance (tests run several in one process);
 * other concerns add theirs to `registry`. Labels never carry tenant ids or phone numbers.
 */
export class ServiceMetrics {
	readonly registry = new Registry();

	readonly inboundWebhooks = new Counter({
		name: 'wa_inbound_webhooks_total',
		help: 'Meta webhook requests by result (accepted, duplicate, unrouted, bad_signature, missing_signature, unknown_app, malformed, too_large, error)',
		labelNames: ['result'] as const,
		registers: [this.registry],
	});

	readonly inboundItems = new Counter({
		name: 'wa_inbound_items_total',
		help: 'Inbound messages, statuses and other events by kind and result (accepted, duplicate)',
		labelNames: ['kind', 'result'] as const,
		registers: [this.registry],
	});

	readonly outboxDepth = new Gauge({
		name: 'wa_outbox_depth',
		help: 'Deliveries waiting in the outbox (not yet delivered or dead-lettered)',
		registers: [this.registry],
	});

	readonly outboxOldest = new Gauge({
		name: 'wa_outbox_oldest_seconds',
		help: 'Age of the oldest delivery still waiting (0 when none): a depth that moves while this grows means a listener is stuck',
		registers: [this.registry],
	});

	readonly deadLetterCount = new Gauge({
		name: 'wa_dead_letters',
		help: 'Deliveries currently dead-lettered (waiting for a replay)',
		registers: [this.registry],
	});

	readonly deliveryLatency = new Histogram({
		name: 'wa_event_delivery_latency_seconds',
		help: 'From the event being written to the subscriber acknowledging it',
		buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 60, 300, 3600],
		registers: [this.registry],
	});

	readonly deliveryAttempts = new Counter({
		name: 'wa_event_delivery_attempts_total',
		help: 'Delivery attempts by result (delivered, failed)',
		labelNames: ['result'] as const,
		registers: [this.registry],
	});

	readonly deadLettered = new Counter({
		name: 'wa_event_dead_letters_total',
		help: 'Deliveries given up and moved to the dead-letter list',
		registers: [this.registry],
	});
}
