import { Type } from 'typebox';
import type { App } from '../../../http/app';
import { requireAuth, tenantScopeOf } from '../../../http/auth';
import { errorResponses, Nullable, SECURITY } from '../../../http/schemas';
import type { CloudServices } from '../cloudServices';
import { deleteQrCode, listQrCodes, saveQrCode, type GraphQrCode, type QrImageFormat } from '../graph/messageQrApi';
import { PhoneNumberId } from './schemas';

const QrCode = Type.Object({
	code: Type.String(),
	message: Type.String({ description: 'The prefilled message the chat opens with' }),
	link: Type.String({ description: 'The wa.me deep link' }),
	imageUrl: Nullable(Type.String({ description: "Meta's short-lived image of the QR code, when asked for" })),
});
const Message = Type.String({ minLength: 1, maxLength: 140, description: 'The message the chat opens with (WhatsApp allows 140 characters)' });
const Image = Type.Optional(Type.Union([Type.Literal('svg'), Type.Literal('png')], { description: 'Also make an image of the QR code in this format' }));
const Params = Type.Object({ phoneNumberId: PhoneNumberId });
const CodeParams = Type.Object({ phoneNumberId: PhoneNumberId, code: Type.String({ pattern: '^[A-Za-z0-9]{4,32}$' }) });

const view = (code: GraphQrCode) => ({ code: code.code, message: code.prefilled_message, link: code.deep_link_url, imageUrl: code.qr_image_url ?? null });
const formatOf = (image: 'svg' | 'png' | undefined): QrImageFormat | undefined => (image ? (image.toUpperCase() as QrImageFormat) : undefined);

/** Prefilled-message QR codes of a number: scanning one opens the chat with the message typed in. */
export function cloudQrCodeRoutes(services: CloudServices) {
	return async (app: App): Promise<void> => {
		const { ctx, accounts, graph, retry } = services;
		const base = { tags: ['cloud-config'], security: SECURITY };
		const admin = requireAuth(ctx.authenticator, { scope: 'admin' });
		const fieldPath = (field: string) => `body.${field === 'prefilled_message' ? 'message' : field === 'generate_qr_image' ? 'image' : field}`;

		app.get(
			'/v1/cloud/numbers/:phoneNumberId/qr-codes',
			{ preHandler: requireAuth(ctx.authenticator, { scope: 'read' }), schema: { ...base, summary: "The number's prefilled-message QR codes", params: Params, querystring: Type.Object({ image: Image }, { additionalProperties: false }), response: { 200: Type.Object({ data: Type.Array(QrCode) }), ...errorResponses(400, 401, 404, 429, 502, 503, 504) } } },
			async (request) => {
				const sender = await accounts.sender(tenantScopeOf(request), request.params.phoneNumberId);
				return { data: (await retry.run(() => listQrCodes(graph, sender.target, sender.phoneNumberId, formatOf(request.query.image)))).map(view) };
			},
		);

		app.post(
			'/v1/cloud/numbers/:phoneNumberId/qr-codes',
			{ preHandler: admin, schema: { ...base, summary: 'Create a QR code that opens a chat with this number and the message typed in', params: Params, body: Type.Object({ message: Message, image: Image }, { additionalProperties: false }), response: { 201: QrCode, ...errorResponses(400, 401, 403, 404, 429, 502, 503, 504) } } },
			async (request, reply) => {
				const sender = await accounts.sender(tenantScopeOf(request), request.params.phoneNumberId);
				// Not retried once it may have reached Meta: a second try would make a second code.
				const created = await retry.run(() => saveQrCode(graph, sender.target, sender.phoneNumberId, { message: request.body.message, image: formatOf(request.body.image) }), { fieldPath, atMostOnce: true });
				return reply.status(201).send(view(created));
			},
		);

		app.patch(
			'/v1/cloud/numbers/:phoneNumberId/qr-codes/:code',
			{ preHandler: admin, schema: { ...base, summary: "Change a QR code's message (the printed code stays valid)", params: CodeParams, body: Type.Object({ message: Message }, { additionalProperties: false }), response: { 200: QrCode, ...errorResponses(400, 401, 403, 404, 429, 502, 503, 504) } } },
			async (request) => {
				const sender = await accounts.sender(tenantScopeOf(request), request.params.phoneNumberId);
				return view(await retry.run(() => saveQrCode(graph, sender.target, sender.phoneNumberId, { message: request.body.message, code: request.params.code }), { fieldPath }));
			},
		);

		app.delete(
			'/v1/cloud/numbers/:phoneNumberId/qr-codes/:code',
			{ preHandler: admin, schema: { ...base, summary: 'Delete a QR code: scanning it no longer opens the chat', params: CodeParams, response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 429, 502, 503, 504) } } },
			async (request, reply) => {
				const sender = await accounts.sender(tenantScopeOf(request), request.params.phoneNumberId);
				await retry.run(() => deleteQrCode(graph, sender.target, sender.phoneNumberId, request.params.code));
				return reply.status(204).send(null);
			},
		);
	};
}
