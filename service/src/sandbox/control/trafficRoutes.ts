import type { FastifyInstance } from 'fastify';
import { controlErrors } from '../controlError';
import { webhookError } from '../graph/errors';
import { injectInbound } from '../inbound/injectInbound';
import type { WebhookStatus } from '../webhooks/payloads';
import type { ControlDeps } from './controlPlugin';
import { objectBody, optionalBoolean, optionalEnum, optionalNumber, optionalString } from './input';
import { deliveryView, sentMessageView } from './views';

/** Simulated users writing in, statuses driven by hand, and what the business sent. */
export function registerTrafficRoutes(fastify: FastifyInstance, deps: ControlDeps): void {
	const { sim } = deps;

	fastify.post('/inbound', async (request, reply) => {
		const body = objectBody(request.body);
		const result = injectInbound(sim, body, { baseUrl: deps.urls.base(request) });
		// `wait: true` answers only once the webhook was delivered (or given up), with the outcome.
		const delivery = optionalBoolean(body, 'wait') ? await result.settled : result.delivery;
		return reply.code(201).send({ wamid: result.wamid, webhook: result.body, delivery: deliveryView(delivery) });
	});

	fastify.post<{ Params: { wamid: string } }>('/messages/:wamid/status', async (request) => {
		const record = sim.messages.getSent(request.params.wamid);
		if (!record) throw controlErrors.notFound('message', request.params.wamid);
		const body = objectBody(request.body);
		const status = optionalEnum(body, 'status', ['sent', 'delivered', 'read', 'failed'] as const satisfies readonly WebhookStatus[]);
		if (!status) throw controlErrors.badRequest('status must be one of sent, delivered, read, failed', { field: 'status' });
		const errors =
			status === 'failed'
				? [webhookError(optionalNumber(body, 'errorCode') ?? 131026, optionalString(body, 'errorTitle') ?? 'Message undeliverable', optionalString(body, 'errorDetails') ?? 'Failed by the sandbox control API.')]
				: undefined;
		sim.statuses.emit(record, status, errors);
		return sentMessageView(record);
	});

	fastify.get<{ Querystring: Record<string, string | undefined> }>('/messages', async (request) => {
		const { phoneNumberId, to, type } = request.query;
		const limit = optionalNumber(request.query, 'limit', undefined, { min: 1, max: 10_000 });
		return { data: sim.messages.listSent({ phoneNumberId, to, type, limit }).map(sentMessageView) };
	});

	fastify.get<{ Params: { wamid: string } }>('/messages/:wamid', async (request) => {
		const record = sim.messages.getSent(request.params.wamid);
		if (!record) throw controlErrors.notFound('message', request.params.wamid);
		return sentMessageView(record);
	});

	fastify.get<{ Querystring: Record<string, string | undefined> }>('/inbound', async (request) => ({
		data: sim.messages.listInbound(optionalNumber(request.query, 'limit', undefined, { min: 1, max: 10_000 })),
	}));
}
