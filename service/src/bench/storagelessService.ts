import { WebhookIntake, type IntakeOutcome } from '../channels/cloud/webhook/intake';

/**
 * The second yardstick of the webhook benchmark: the real service, with every plugin, hook, signature check, JSON
 * parse and normalization, but a webhook intake that stores nothing and answers at once. Its rate is the most any
 * durable ingest can reach on this machine; the gap to the bare server is what the HTTP route costs, the gap below
 * it what storage costs. Bench-only: the product never runs this.
 */
WebhookIntake.prototype.submit = async function submitWithoutStorage(unit): Promise<IntakeOutcome> {
	return { accepted: unit.changes.length, duplicates: 0, unrouted: 0, reasons: [], tenants: [] };
};

// The patch is for the intake in the main thread: keep the intake off its own thread here.
process.env.INGEST_THREAD = 'false';
// The service's own entry point, with the patch above in place (argv: serve).
require('../main');
