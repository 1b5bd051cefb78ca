import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { systemScope } from '../../../auth/tenantScope';
import type { AppContext } from '../../../context';
import { AppError, notFound } from '../../../shared/errors';
import { groupEventOf, isWebDriverError, WebAck, type FakePhone, type FakeWebDriver, type InboundSpec } from '../driver';
import { sessionKeyOf } from '../sessions/sessionKey';
import type { WebSessionsRepository } from '../storage/webSessionsRepository';
import { webSandboxGuard } from './webSandboxGuard';

const Params = Type.Object({ tenantId: Type.String({ pattern: '^ten_[0-9a-z]{26}$' }), session: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' }) });
type ParamsOf = Static<typeof Params>;

const Media = Type.Object({ mimetype: Type.String({ minLength: 3 }), data: Type.String({ minLength: 1, description: 'base64' }), filename: Type.Optional(Type.String()) }, { additionalProperties: false });

const InboundBody = Type.Object(
	{
		type: Type.Optional(
			Type.Union([Type.Literal('chat'), Type.Literal('image'), Type.Literal('video'), Type.Literal('audio'), Type.Literal('ptt'), Type.Literal('document'), Type.Literal('sticker'), Type.Literal('location'), Type.Literal('vcard'), Type.Literal('poll_creation')], { default: 'chat' }),
		),
		from: Type.String({ pattern: '^[0-9A-Za-z.:_-]+@(c\\.us|g\\.us|lid)$', description: 'Chat it arrives in, e.g. 15550001234@c.us' }),
		author: Type.Optional(Type.String({ description: 'Sender inside a group' })),
		fromMe: Type.Optional(Type.Boolean({ description: 'Typed on the phone itself' })),
		body: Type.Optional(Type.String()),
		caption: Type.Optional(Type.String()),
		media: Type.Optional(Media),
		latitude: Type.Optional(Type.Number()),
		longitude: Type.Optional(Type.Number()),
		name: Type.Optional(Type.String()),
		address: Type.Optional(Type.String()),
		vcard: Type.Optional(Type.String()),
		pollName: Type.Optional(Type.String()),
		pollOptions: Type.Optional(Type.Array(Type.String())),
		quotedMessageId: Type.Optional(Type.String()),
		mentionedIds: Type.Optional(Type.Array(Type.String())),
		isForwarded: Type.Optional(Type.Boolean()),
	},
	{ additionalProperties: false },
);

const GroupEventBody = Type.Object(
	{
		chatId: Type.String({ pattern: '^[0-9A-Za-z.:_-]+@g\\.us$', description: 'The group, e.g. 120363000000000001@g.us' }),
		type: Type.String({
			pattern: '^[a-z_]{1,40}$',
			description:
				"The library's subtype: add, invite, linked_group_join, remove, leave, promote, demote, membership_approval_request, subject, description, picture, announce, restrict…",
		}),
		author: Type.Optional(Type.String({ pattern: '^[0-9A-Za-z.:_-]+@(c\\.us|lid)$', description: 'Who made the change; the session itself by default' })),
		recipientIds: Type.Optional(Type.Array(Type.String({ pattern: '^[0-9A-Za-z.:_-]+@(c\\.us|lid)$' }), { maxItems: 256, description: 'The participants concerned' })),
		body: Type.Optional(Type.String({ maxLength: 2048, description: 'Extra content, e.g. the new subject' })),
		timestamp: Type.Optional(Type.Integer({ minimum: 1, description: 'Seconds; now by default' })),
	},
	{ additionalProperties: false },
);

const ACKS = { sent: WebAck.SERVER, delivered: WebAck.DEVICE, read: WebAck.READ, played: WebAck.PLAYED, failed: WebAck.ERROR } as const;

/**
 * The Web sandbox's control API (fake driver only): plays the phone of a tenant's session so demos and the n8n
 * end-to-end tests can link it and make it receive messages without WhatsApp. Kept out of the OpenAPI
 * document like the Cloud simulator's control API, and guarded the same way.
 */
export function webSandboxRoutes(driver: FakeWebDriver, sessions: WebSessionsRepository): FastifyPluginAsyncTypebox<{ ctx: AppContext }> {
	return async (app, { ctx }) => {
		app.addHook('onRoute', (route) => {
			route.schema = { ...route.schema, hide: true };
		});
		app.addHook('onRequest', webSandboxGuard(ctx));
		const prefix = '/sandbox/web/:tenantId/:session';

		/** The fake phone of a session this process runs. */
		const phoneOf = async (params: ParamsOf): Promise<FakePhone> => {
			const session = await sessions.get(systemScope(params.tenantId, 'web-sandbox'), params.session);
			if (!session) throw notFound('Web session', params.session);
			const client = driver.client(sessionKeyOf(params.tenantId, session.id));
			if (!client) throw new AppError(409, 'channel_not_ready', `Web session ${params.session} has no running client in this process (status ${session.status}); start it first`, { status: session.status });
			return client.phone;
		};
		/** The fake phone refuses what a real one could not do (no QR on screen, unknown message): 409 with its words. */
		const act = async <T>(params: ParamsOf, work: (phone: FakePhone) => T | Promise<T>): Promise<T> => {
			const phone = await phoneOf(params);
			try {
				return await work(phone);
			} catch (error) {
				if (isWebDriverError(error)) throw new AppError(409, 'conflict', error.message, { session: params.session });
				throw error;
			}
		};

		app.get(prefix, { schema: { params: Params } }, async (request) => {
			const session = await sessions.get(systemScope(request.params.tenantId, 'web-sandbox'), request.params.session);
			if (!session) throw notFound('Web session', request.params.session);
			const client = driver.client(sessionKeyOf(request.params.tenantId, session.id));
			return { status: session.status, running: client !== undefined, phase: client?.phase ?? null, qr: client?.phone.qr ?? null, pairingCode: client?.phone.pairingCode ?? null, ownId: client?.ownId ?? null };
		});

		app.post(`${prefix}/scan`, { schema: { params: Params, summary: 'Scan the QR code on offer (or type the pairing code) with the phone' } }, async (request) =>
			act(request.params, async (phone) => {
				if (phone.pairingCode) await phone.enterPairingCode(phone.pairingCode);
				else await phone.scanQr();
				return { linked: true };
			}),
		);

		app.post(`${prefix}/inbound`, { schema: { params: Params, body: InboundBody, summary: 'A message arrives in the session' } }, async (request, reply) => {
			const message = await act(request.params, (phone) => phone.receive(inboundSpec(request.body)));
			return reply.status(201).send({ id: message.id._serialized, chatId: message.id.remote, type: message.type });
		});

		app.post(`${prefix}/ack`, { schema: { params: Params, body: Type.Object({ messageId: Type.String(), status: Type.Union([Type.Literal('sent'), Type.Literal('delivered'), Type.Literal('read'), Type.Literal('played'), Type.Literal('failed')]) }, { additionalProperties: false }) } }, async (request) =>
			act(request.params, (phone) => {
				phone.ack(request.body.messageId, ACKS[request.body.status]);
				return { success: true };
			}),
		);

		app.post(`${prefix}/react`, { schema: { params: Params, body: Type.Object({ from: Type.String(), messageId: Type.String(), emoji: Type.String(), author: Type.Optional(Type.String()) }, { additionalProperties: false }) } }, async (request) =>
			act(request.params, (phone) => ({ id: phone.react(request.body).id._serialized })),
		);

		app.post(`${prefix}/revoke`, { schema: { params: Params, body: Type.Object({ messageId: Type.String() }, { additionalProperties: false }) } }, async (request) =>
			act(request.params, (phone) => ({ id: phone.revoke(request.body.messageId).id._serialized })),
		);

		app.post(`${prefix}/edit`, { schema: { params: Params, body: Type.Object({ messageId: Type.String(), body: Type.String() }, { additionalProperties: false }) } }, async (request) =>
			act(request.params, (phone) => ({ id: phone.edit(request.body.messageId, request.body.body).id._serialized })),
		);

		app.post(`${prefix}/vote`, { schema: { params: Params, summary: 'A chat member votes on a poll (no options: the vote is withdrawn)', body: Type.Object({ voter: Type.String(), pollMessageId: Type.String(), selected: Type.Array(Type.String()) }, { additionalProperties: false }) } }, async (request) =>
			act(request.params, (phone) => ({ pollMessageId: phone.votePoll(request.body).parentMessageId })),
		);

		app.post(`${prefix}/group-event`, { schema: { params: Params, summary: 'Something changes in a group: a participant joins, leaves or is promoted, or a setting changes', body: GroupEventBody } }, async (request) =>
			act(request.params, (phone) => {
				const notification = phone.groupNotification(request.body);
				return { id: notification.id._serialized, event: groupEventOf(notification.type), type: notification.type };
			}),
		);

		app.post(`${prefix}/logout-from-phone`, { schema: { params: Params, summary: 'The user removes the linked device on the phone' } }, async (request) =>
			act(request.params, (phone) => {
				phone.logout();
				return { success: true };
			}),
		);

		app.post(`${prefix}/crash`, { schema: { params: Params, summary: "The session's browser dies" } }, async (request) =>
			act(request.params, (phone) => {
				phone.crashBrowser();
				return { success: true };
			}),
		);

		app.post(`${prefix}/conflict`, { schema: { params: Params, summary: 'Another WhatsApp Web opens the account' } }, async (request) =>
			act(request.params, (phone) => {
				phone.conflict();
				return { success: true };
			}),
		);
	};
}

function inboundSpec(body: Static<typeof InboundBody>): InboundSpec {
	const common = {
		from: body.from,
		...(body.author ? { author: body.author } : {}),
		...(body.fromMe ? { fromMe: true } : {}),
		...(body.quotedMessageId ? { quotedMessageId: body.quotedMessageId } : {}),
		...(body.mentionedIds ? { mentionedIds: body.mentionedIds } : {}),
		...(body.isForwarded ? { isForwarded: true } : {}),
	};
	const type = body.type ?? 'chat';
	switch (type) {
		case 'chat':
			return { ...common, type: 'chat', body: body.body ?? '' };
		case 'location':
			return { ...common, type: 'location', latitude: body.latitude ?? 0, longitude: body.longitude ?? 0, ...(body.name ? { name: body.name } : {}), ...(body.address ? { address: body.address } : {}) };
		case 'vcard':
			return { ...common, type: 'vcard', vcard: body.vcard ?? '' };
		case 'poll_creation':
			return { ...common, type: 'poll_creation', pollName: body.pollName ?? '', pollOptions: body.pollOptions ?? [] };
		default: {
			if (!body.media) throw new AppError(400, 'validation_failed', 'body.media is required for a media message', { fields: [{ field: 'body.media', message: 'is required for a media message' }] });
			return { ...common, type, media: body.media, ...(body.caption ? { caption: body.caption } : {}) };
		}
	}
}
