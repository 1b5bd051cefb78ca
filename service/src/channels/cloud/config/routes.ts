import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../../context';
import { currentPrincipal, requireAuth, tenantScopeOf } from '../../../http/auth';
import { errorResponses, Nullable, SECURITY } from '../../../http/schemas';
import { conflict, forbidden, notFound } from '../../../shared/errors';
import { randomSecret } from '../../../shared/ids';

const MetaAppId = Type.String({ pattern: '^[0-9]{1,32}$', description: "Meta's numeric app id" });
const PhoneNumberId = Type.String({ pattern: '^[0-9]{1,32}$', description: "Meta's phone_number_id" });
const GraphVersion = Type.String({ pattern: '^v[0-9]{1,2}\\.[0-9]$', description: 'e.g. v25.0' });
const Secret = (description: string) => Type.String({ minLength: 8, maxLength: 1024, description });

export const MetaAppSchema = Type.Object({
	id: Type.String(),
	appId: Type.String(),
	name: Nullable(Type.String()),
	appSecret: Type.String({ description: 'Masked' }),
	verifyToken: Type.String({ description: 'Masked, except in the response that generated it' }),
	graphApiVersion: Nullable(Type.String()),
	graphBaseUrl: Nullable(Type.String()),
	webhookUrl: Type.String({ description: "Paste into the Meta app's WhatsApp webhook configuration" }),
	createdAt: Type.String(),
	updatedAt: Type.String(),
});

export const CloudNumberSchema = Type.Object({
	id: Type.String(),
	phoneNumberId: Type.String(),
	wabaId: Type.String(),
	metaAppId: Type.String(),
	displayPhoneNumber: Nullable(Type.String()),
	verifiedName: Nullable(Type.String()),
	accessToken: Type.String({ description: 'Masked' }),
	throughputPerSecond: Type.Integer(),
	isDefault: Type.Boolean(),
	lastTest: Nullable(Type.Object({ at: Type.String(), ok: Type.Boolean(), error: Nullable(Type.String()) })),
	createdAt: Type.String(),
	updatedAt: Type.String(),
});

const Throughput = Type.Integer({ minimum: 1, maximum: 1000, description: 'Messages per second this number may send (Meta: 80 by default, up to 1,000)' });

/**
 * The service sends the tenant's token to this URL: letting tenant admins point it anywhere would turn the
 * service into a request forwarder into the operator's network, so only platform admins may change it.
 */
function checkGraphBaseUrlChange(request: FastifyRequest, body: { graphBaseUrl?: string | null }): void {
	if (body.graphBaseUrl !== undefined && currentPrincipal(request).role !== 'platform_admin') {
		throw forbidden('Only platform admins may set graphBaseUrl', { field: 'body.graphBaseUrl' });
	}
}

/** A tenant's Meta apps and Cloud API phone numbers. Secrets go in, never come out. */
export const cloudConfigRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
	const { metaApps, cloudNumbers } = ctx.repos;
	const read = requireAuth(ctx.authenticator, { scope: 'read' });
	const admin = requireAuth(ctx.authenticator, { scope: 'admin' });
	const webhookUrl = (appId: string) => `${ctx.publicUrl}/webhooks/meta/${appId}`;
	const appsBase = { tags: ['cloud-config'], security: SECURITY };

	app.get('/v1/meta-apps', { preHandler: read, schema: { ...appsBase, summary: 'List Meta apps', response: { 200: Type.Object({ data: Type.Array(MetaAppSchema) }), ...errorResponses(401, 404) } } }, async (request) => ({
		data: (await metaApps.list(tenantScopeOf(request))).map((a) => ({ ...a, webhookUrl: webhookUrl(a.appId) })),
	}));

	app.post(
		'/v1/meta-apps',
		{
			preHandler: admin,
			schema: {
				...appsBase,
				summary: 'Register a Meta app (its secret signs webhooks); a verify token is generated when none is given',
				body: Type.Object(
					{ appId: MetaAppId, name: Type.Optional(Type.String({ maxLength: 200 })), appSecret: Secret('App secret from the Meta app dashboard'), verifyToken: Type.Optional(Secret('Token Meta echoes in the verification handshake')), graphApiVersion: Type.Optional(GraphVersion), graphBaseUrl: Type.Optional(Type.String({ format: 'uri', maxLength: 255 })) },
					{ additionalProperties: false },
				),
				response: { 201: MetaAppSchema, ...errorResponses(400, 401, 403, 404, 409) },
			},
		},
		async (request, reply) => {
			const scope = tenantScopeOf(request);
			checkGraphBaseUrlChange(request, request.body);
			if (await metaApps.get(scope, request.body.appId)) throw conflict(`Meta app ${request.body.appId} is already registered`, { field: 'body.appId' });
			const generated = request.body.verifyToken ? undefined : randomSecret(24);
			const created = await metaApps.create(scope, { ...request.body, verifyToken: request.body.verifyToken ?? (generated as string) });
			reply.status(201);
			return { ...created, verifyToken: generated ?? created.verifyToken, webhookUrl: webhookUrl(created.appId) };
		},
	);

	app.get(
		'/v1/meta-apps/:appId',
		{ preHandler: read, schema: { ...appsBase, summary: 'Get a Meta app', params: Type.Object({ appId: MetaAppId }), response: { 200: MetaAppSchema, ...errorResponses(400, 401, 404) } } },
		async (request) => {
			const found = await metaApps.get(tenantScopeOf(request), request.params.appId);
			if (!found) throw notFound('Meta app', request.params.appId);
			return { ...found, webhookUrl: webhookUrl(found.appId) };
		},
	);

	app.patch(
		'/v1/meta-apps/:appId',
		{
			preHandler: admin,
			schema: {
				...appsBase,
				summary: 'Change a Meta app: rotate its secret or verify token, set the Graph version',
				params: Type.Object({ appId: MetaAppId }),
				body: Type.Object(
					{ name: Type.Optional(Nullable(Type.String({ maxLength: 200 }))), appSecret: Type.Optional(Secret('New app secret')), verifyToken: Type.Optional(Secret('New verify token')), graphApiVersion: Type.Optional(Nullable(GraphVersion)), graphBaseUrl: Type.Optional(Nullable(Type.String({ format: 'uri', maxLength: 255 }))) },
					{ additionalProperties: false, minProperties: 1 },
				),
				response: { 200: MetaAppSchema, ...errorResponses(400, 401, 403, 404) },
			},
		},
		async (request) => {
			checkGraphBaseUrlChange(request, request.body);
			const updated = await metaApps.update(tenantScopeOf(request), request.params.appId, request.body);
			if (!updated) throw notFound('Meta app', request.params.appId);
			return { ...updated, webhookUrl: webhookUrl(updated.appId) };
		},
	);

	app.delete(
		'/v1/meta-apps/:appId',
		{ preHandler: admin, schema: { ...appsBase, summary: 'Remove a Meta app and the numbers registered under it', params: Type.Object({ appId: MetaAppId }), response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) } } },
		async (request, reply) => {
			if (!(await metaApps.delete(tenantScopeOf(request), request.params.appId))) throw notFound('Meta app', request.params.appId);
			return reply.status(204).send(null);
		},
	);

	const numbersBase = { tags: ['cloud-config'], security: SECURITY };
	const NumberParams = Type.Object({ phoneNumberId: PhoneNumberId });

	app.get('/v1/cloud/numbers', { preHandler: read, schema: { ...numbersBase, summary: 'List Cloud API phone numbers', response: { 200: Type.Object({ data: Type.Array(CloudNumberSchema) }), ...errorResponses(401, 404) } } }, async (request) => ({
		data: await cloudNumbers.list(tenantScopeOf(request)),
	}));

	app.post(
		'/v1/cloud/numbers',
		{
			preHandler: admin,
			schema: {
				...numbersBase,
				summary: 'Register a Cloud API phone number under one of the tenant’s Meta apps',
				body: Type.Object(
					{
						phoneNumberId: PhoneNumberId,
						wabaId: Type.String({ pattern: '^[0-9]{1,32}$' }),
						metaAppId: MetaAppId,
						accessToken: Secret('System-user or business access token'),
						displayPhoneNumber: Type.Optional(Type.String({ maxLength: 32 })),
						verifiedName: Type.Optional(Type.String({ maxLength: 200 })),
						throughputPerSecond: Type.Optional(Throughput),
						isDefault: Type.Optional(Type.Boolean()),
					},
					{ additionalProperties: false },
				),
				response: { 201: CloudNumberSchema, ...errorResponses(400, 401, 403, 404, 409) },
			},
		},
		async (request, reply) => {
			const scope = tenantScopeOf(request);
			const metaApp = await metaApps.getSecrets(scope, request.body.metaAppId);
			if (!metaApp) throw notFound('Meta app', request.body.metaAppId);
			if (await cloudNumbers.phoneNumberTaken(request.body.phoneNumberId)) throw conflict(`Phone number ${request.body.phoneNumberId} is already registered`, { field: 'body.phoneNumberId' });
			const isFirst = (await cloudNumbers.list(scope)).length === 0;
			reply.status(201);
			return cloudNumbers.create(scope, {
				...request.body,
				metaAppRowId: metaApp.id,
				throughputPerSecond: request.body.throughputPerSecond ?? 80,
				isDefault: request.body.isDefault ?? isFirst,
			});
		},
	);

	app.get(
		'/v1/cloud/numbers/:phoneNumberId',
		{ preHandler: read, schema: { ...numbersBase, summary: 'Get a Cloud API phone number', params: NumberParams, response: { 200: CloudNumberSchema, ...errorResponses(400, 401, 404) } } },
		async (request) => {
			const found = await cloudNumbers.get(tenantScopeOf(request), request.params.phoneNumberId);
			if (!found) throw notFound('Phone number', request.params.phoneNumberId);
			return found;
		},
	);

	app.patch(
		'/v1/cloud/numbers/:phoneNumberId',
		{
			preHandler: admin,
			schema: {
				...numbersBase,
				summary: 'Change a number: rotate its token, set throughput, make it the default',
				params: NumberParams,
				body: Type.Object(
					{ wabaId: Type.Optional(Type.String({ pattern: '^[0-9]{1,32}$' })), accessToken: Type.Optional(Secret('New access token')), displayPhoneNumber: Type.Optional(Nullable(Type.String({ maxLength: 32 }))), verifiedName: Type.Optional(Nullable(Type.String({ maxLength: 200 }))), throughputPerSecond: Type.Optional(Throughput), isDefault: Type.Optional(Type.Literal(true)) },
					{ additionalProperties: false, minProperties: 1 },
				),
				response: { 200: CloudNumberSchema, ...errorResponses(400, 401, 403, 404) },
			},
		},
		async (request) => {
			const updated = await cloudNumbers.update(tenantScopeOf(request), request.params.phoneNumberId, request.body);
			if (!updated) throw notFound('Phone number', request.params.phoneNumberId);
			return updated;
		},
	);

	app.delete(
		'/v1/cloud/numbers/:phoneNumberId',
		{ preHandler: admin, schema: { ...numbersBase, summary: 'Remove a phone number', params: NumberParams, response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) } } },
		async (request, reply) => {
			if (!(await cloudNumbers.delete(tenantScopeOf(request), request.params.phoneNumberId))) throw notFound('Phone number', request.params.phoneNumberId);
			return reply.status(204).send(null);
		},
	);
};
