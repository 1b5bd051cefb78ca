import type { IWebhookFunctions } from 'n8n-workflow';
import { parseEnvelope, type EventEnvelope } from '../events/envelope';
import { rawBodyOf } from '../events/rawBody';
import { verifyEventSignature } from '../events/signature';
import { alreadySeen } from './recentEvents';
import { triggerState } from './triggerState';

export type Reception =
	| { outcome: 'refused'; status: number; reason: string }
	| { outcome: 'duplicate'; envelope: EventEnvelope }
	| { outcome: 'accepted'; envelope: EventEnvelope };

/**
 * Checks a delivery before anything runs: the signature (constant time) with this trigger's secret, then the
 * envelope, then whether this event already started an execution (the service retries until it hears 2xx).
 */
export function receiveEvent(context: IWebhookFunctions): Reception {
	const state = triggerState(context);
	const rawBody = rawBodyOf(context);
	if (!state.secret) return { outcome: 'refused', status: 401, reason: 'this trigger has no subscription secret; deactivate and activate the workflow again' };
	const verdict = verifyEventSignature(state.secret, context.getHeaderData() as Record<string, unknown>, rawBody);
	if (!verdict.valid) return { outcome: 'refused', status: 401, reason: verdict.reason };
	const envelope = parseEnvelope(rawBody, context.getBodyData());
	if (!envelope) return { outcome: 'refused', status: 400, reason: 'the body is not an event envelope' };
	if (alreadySeen(state, envelope.id)) return { outcome: 'duplicate', envelope };
	return { outcome: 'accepted', envelope };
}
