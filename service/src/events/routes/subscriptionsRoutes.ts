import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../context';
import { requireAuth, tenantScopeOf } from '../../http/auth';
import { errorResponses, IdParam, SECURITY } from '../../http/schemas';
import { invalidField, notFound } from '../../shared/errors';
import { deliveryHealth, type DeliveryHealth } from '../deliveryHealth';
import type { SubscriptionsRepository } from '../subscriptionsRepository';
import { CreateSubscriptionBody, DeliveryHealthSchema, SubscriptionSchema, SubscriptionWithDeliverySchema, SubscriptionWithSecretSchema, UpdateSubscriptionBody } from './schemas';

const Params = IdParam('subscriptionId', 'sub');

/** The schema's pattern admits "http://" alone; the URL parser decides whether a host is really there. */
function checkTarget(url: string | undefined): void {
	if (url === undefined) return;
	try {
		const parsed = new URL(url);
		if (!/^https?:$/.test(parsed.protocol) || !parsed.hostname) throw new Error('no host');
	} catch {
		throw invalidField('body.targetUrl', 'must be an absolute http or https URL');
	}
}

/**
 * Listeners of a tenant's events. The n8n triggers create one when a workflow activates and delete it when it
 * deactivates; any number may exist at once (test and production workflows side by side).
 */
export function subscriptionsRoutes(subscriptions: SubscriptionsRepository): FastifyPluginAsyncTypebox<{ ctx: AppContext }> {
	return async (app, { ctx }) => {
		const read = requireAuth(ctx.authenticator, { scope: 'read' });
		const write = requireAuth(ctx.authenticator, { scope: 'send' });
		const base = { tags: ['subscriptions'], security: SECURITY };

		app.post(
			'/v1/subscriptions',
			{ preHandler: write, schema: { ...base, summary: 'Subscribe a URL to events; the signing secret is shown once', body: CreateSubscriptionBody, response: { 201: SubscriptionWithSecretSchema, ...errorResponses(400, 401, 403, 404) } } },
			async (request, reply) => {
				checkTarget(request.body.targetUrl);
				const created = await subscriptions.create(tenantScopeOf(request), request.body);
				reply.status(201);
				return { ...created.subscription, secret: created.secret };
			},
		);

		app.get(
			'/v1/subscriptions',
			{
				preHandler: read,
				schema: {
					...base,
					summary: 'List subscriptions (never their secrets), with where their deliveries stand if asked',
					querystring: Type.Object({ active: Type.Optional(Type.Boolean()), delivery: Type.Optional(Type.Boolean({ description: "Add each subscription's delivery figures (pending, retrying, last failure, dead letters)" })) }, { additionalProperties: false }),
					response: { 200: Type.Object({ data: Type.Array(SubscriptionWithDeliverySchema) }), ...errorResponses(400, 401, 404) },
				},
			},
			async (request) => {
				const scope = tenantScopeOf(request);
				const listed = await subscriptions.list(scope, { active: request.query.active });
				if (!request.query.delivery) return { data: listed };
				const health = await deliveryHealth(ctx.storage.db, scope, listed.map((subscription) => subscription.id));
				return { data: listed.map((subscription) => ({ ...subscription, delivery: health.get(subscription.id) })) };
			},
		);

		app.get(
			'/v1/subscriptions/:subscriptionId/delivery',
			{
				preHandler: read,
				schema: { ...base, summary: "Where a subscription's deliveries stand: pending, retrying, the last failure, dead letters", params: Params, response: { 200: Type.Object({ subscriptionId: Type.String(), active: Type.Boolean(), ...DeliveryHealthSchema.properties }), ...errorResponses(400, 401, 404) } },
			},
			async (request) => {
				const scope = tenantScopeOf(request);
				const found = await subscriptions.get(scope, request.params.subscriptionId);
				if (!found) throw notFound('Subscription', request.params.subscriptionId);
				const health = (await deliveryHealth(ctx.storage.db, scope, [found.id])).get(found.id) as DeliveryHealth;
				return { subscriptionId: found.id, active: found.active, ...health };
			},
		);

		app.get(
			'/v1/subscriptions/:subscriptionId',
			{ preHandler: read, schema: { ...base, summary: 'Get a subscription', params: Params, response: { 200: SubscriptionSchema, ...errorResponses(400, 401, 404) } } },
			async (request) => {
				const found = await subscriptions.get(tenantScopeOf(request), request.params.subscriptionId);
				if (!found) throw notFound('Subscription', request.params.subscriptionId);
				return found;
			},
		);

		app.patch(
			'/v1/subscriptions/:subscriptionId',
			{ preHandler: write, schema: { ...base, summary: 'Change a subscription: target, filters, description, or pause it', params: Params, body: UpdateSubscriptionBody, response: { 200: SubscriptionSchema, ...errorResponses(400, 401, 403, 404) } } },
			async (request) => {
				checkTarget(request.body.targetUrl);
				const updated = await subscriptions.update(tenantScopeOf(request), request.params.subscriptionId, request.body);
				if (!updated) throw notFound('Subscription', request.params.subscriptionId);
				return updated;
			},
		);

		app.delete(
			'/v1/subscriptions/:subscriptionId',
			{ preHandler: write, schema: { ...base, summary: 'Delete a subscription and drop its queued deliveries', params: Params, response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) } } },
			async (request, reply) => {
				if (!(await subscriptions.delete(tenantScopeOf(request), request.params.subscriptionId))) throw notFound('Subscription', request.params.subscriptionId);
				return reply.status(204).send(null);
			},
		);

		app.post(
			'/v1/subscriptions/:subscriptionId/rotate-secret',
			{ preHandler: write, schema: { ...base, summary: 'Replace the signing secret; the new one is shown once', params: Params, response: { 200: SubscriptionWithSecretSchema, ...errorResponses(400, 401, 403, 404) } } },
			async (request) => {
				const rotated = await subscriptions.rotateSecret(tenantScopeOf(request), request.params.subscriptionId);
				if (!rotated) throw notFound('Subscription', request.params.subscriptionId);
				return { ...rotated.subscription, secret: rotated.secret };
			},
		);
	};
}
