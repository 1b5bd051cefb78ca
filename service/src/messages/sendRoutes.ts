import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { TenantScope } from '../auth/tenantScope';
import { OUTBOUND_TYPES, type ChannelKind, type OutboundMessage } from '../channels/messages';
import type { ChannelPort } from '../channels/port';
import type { AppContext } from '../context';
import type { Composer } from '../service';
import { requireAuth, tenantScopeOf } from '../http/auth';
import { errorResponses, Nullable, SECURITY } from '../http/schemas';
import { AppError, badRequest, conflict, invalidField, notFound } from '../shared/errors';
import type { MessageLedger, StoredMessage } from './ledger';
import { SendMessageBody, type SendMessageRequest } from './outboundSchema';

const SentMessage = Type.Object({
	id: Type.String({ description: 'Our message id (msg_…)' }),
	providerMessageId: Nullable(Type.String({ description: 'wamid (Cloud) or serialized id (Web)' })),
	channel: Type.Union([Type.Literal('cloud'), Type.Literal('web')]),
	from: Type.String({ description: 'phone_number_id or session name it was sent from' }),
	to: Type.String(),
	type: Type.String(),
	status: Type.String(),
	conversationId: Type.String(),
	createdAt: Type.String(),
	replayed: Type.Boolean({ description: 'True when an Idempotency-Key matched an earlier request: nothing was sent again' }),
});

const ReadBody = Type.Object(
	{
		channel: Type.Optional(Type.Union([Type.Literal('cloud'), Type.Literal('web'), Type.Literal('default')])),
		from: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
		messageId: Type.String({ minLength: 1, maxLength: 256, description: 'Provider id of the received message' }),
		typing: Type.Optional(Type.Boolean({ description: 'Also show "typing…" (dismissed by your reply or after 25 s)' })),
	},
	{ additionalProperties: false },
);

/** The body must carry the object its type names, and no other type's object. */
function checkTypeObject(body: SendMessageRequest): void {
	const key = body.type as keyof SendMessageRequest;
	if (body[key] === undefined) throw invalidField(`body.${body.type}`, `is required for a ${body.type} message`);
	const strays = OUTBOUND_TYPES.filter((type) => type !== body.type && body[type as keyof SendMessageRequest] !== undefined);
	if (strays.length > 0) throw badRequest(`A ${body.type} message cannot carry ${strays.join(', ')}`, strays.map((type) => ({ field: `body.${type}`, message: `is not allowed for a ${body.type} message` })));
}

export async function resolveChannel(ctx: AppContext, scope: TenantScope, requested: 'cloud' | 'web' | 'default' | undefined): Promise<ChannelPort> {
	let kind: ChannelKind | null | undefined = requested === 'default' ? undefined : requested;
	if (!kind) {
		const tenant = await ctx.repos.tenants.get(scope);
		if (!tenant) throw notFound('Tenant', scope.tenantId);
		kind = tenant.defaultMode ?? (ctx.channels.available().length === 1 ? ctx.channels.available()[0] : null);
		if (!kind) throw invalidField('body.channel', 'is required: this tenant has no default mode (set one with PUT /v1/config/default-mode)');
	}
	if (!ctx.channels.available().includes(kind)) throw conflict(`The ${kind} channel is not enabled on this service`, { channel: kind });
	return ctx.channels.get(kind);
}

function toResponse(message: StoredMessage, to: string, replayed: boolean) {
	return {
		id: message.id,
		providerMessageId: message.providerId,
		channel: message.channel,
		from: message.account.id,
		to,
		type: message.type,
		status: message.status,
		conversationId: message.conversationId,
		createdAt: message.occurredAt,
		replayed,
	};
}

/**
 * Sending is channel-agnostic: pick the channel and account, let the channel validate, record the message, hand it
 * over, record the outcome. A refused message is stored as failed with the provider's error, never silently dropped.
 */
export function sendRoutes(ledger: MessageLedger): FastifyPluginAsyncTypebox<{ ctx: AppContext }> {
	return async (app, { ctx }) => {
		const send = requireAuth(ctx.authenticator, { scope: 'send' });

		app.post(
			'/v1/messages',
			{
				preHandler: send,
				schema: {
					tags: ['messages'],
					summary: 'Send a message on the Cloud or Web channel (text, media, location, contacts, interactive, template, reaction, poll)',
					description: 'Send an Idempotency-Key header to make retries safe: a repeated key returns the first result and sends nothing.',
					security: SECURITY,
					headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 128 })) }),
					body: SendMessageBody,
					response: { 200: SentMessage, 201: SentMessage, ...errorResponses(400, 401, 403, 404, 409, 422, 429, 502, 503, 504) },
				},
			},
			async (request, reply) => {
				const scope = tenantScopeOf(request);
				const body = request.body;
				const idempotencyKey = request.headers['idempotency-key'];
				if (idempotencyKey) {
					const earlier = await ledger.findByIdempotencyKey(scope, idempotencyKey);
					if (earlier) return reply.status(200).send(toResponse(earlier, body.to, true));
				}
				checkTypeObject(body);
				const port = await resolveChannel(ctx, scope, body.channel);
				const { channel: _channel, from, ...message } = body;
				const outbound = message as OutboundMessage;
				port.validate(outbound);
				const account = await port.resolveAccount(scope, from);

				let pending: StoredMessage;
				try {
					pending = await ledger.recordOutboundPending(scope, { account, message: outbound, idempotencyKey });
				} catch (error) {
					const earlierId = error instanceof AppError && error.code === 'conflict' ? (error.details.messageId as string | undefined) : undefined;
					const earlier = earlierId && idempotencyKey ? await ledger.findByIdempotencyKey(scope, idempotencyKey) : undefined;
					if (earlier) return reply.status(200).send(toResponse(earlier, body.to, true));
					throw error;
				}

				try {
					const result = await port.dispatch(scope, account, outbound);
					const stored = await ledger.markDispatched(scope, pending.id, result);
					return reply.status(201).send(toResponse(stored, body.to, false));
				} catch (error) {
					// Every outcome is recorded: a send that failed for any reason is stored as failed, never left pending.
					const known = error instanceof AppError ? error : undefined;
					await ledger.markFailed(scope, pending.id, {
						code: String(known?.details.providerCode ?? known?.code ?? 'internal'),
						title: known?.code ?? 'internal',
						message: known?.message ?? 'The send failed inside the service; see its log',
					});
					throw error;
				}
			},
		);

		app.post(
			'/v1/messages/read',
			{
				preHandler: send,
				schema: {
					tags: ['messages'],
					summary: 'Mark a received message (and those before it) as read, optionally showing "typing…"',
					security: SECURITY,
					body: ReadBody,
					response: { 200: Type.Object({ success: Type.Literal(true) }), ...errorResponses(400, 401, 403, 404, 409, 422, 429, 502, 503, 504) },
				},
			},
			async (request) => {
				const scope = tenantScopeOf(request);
				const port = await resolveChannel(ctx, scope, request.body.channel);
				const account = await port.resolveAccount(scope, request.body.from);
				await port.markRead(scope, account, request.body.messageId, { typing: request.body.typing ?? false });
				return { success: true as const };
			},
		);
	};
}

/** The generic send routes, over the context's ledger, for whichever channels this process runs. */
export const sendComposer: Composer = (ctx) => ({
	features: [async (app) => void (await app.register(sendRoutes(ctx.ledger), { ctx }))],
});
