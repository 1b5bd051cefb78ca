import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { generateApiKey } from '../../auth/apiKeys';
import type { ApiScope } from '../../auth/principal';
import type { AppContext } from '../../context';
import { currentPrincipal, platformScopeOf, requireAuth, tenantScopeFromPath } from '../../http/auth';
import { ApiKeySchema, CreatedApiKeySchema, ScopeSchema } from '../../http/responseSchemas';
import { errorResponses, IdParam, SECURITY } from '../../http/schemas';
import { forbidden, notFound } from '../../shared/errors';
import type { ApiKeysRepository } from '../apiKeysRepository';

const TenantParams = IdParam('tenantId', 'ten');
const KeyParams = Type.Intersect([TenantParams, IdParam('keyId', 'key')]);
const PlatformKeyParams = IdParam('keyId', 'key');
const CreateKeyBody = Type.Object(
	{
		name: Type.String({ minLength: 1, maxLength: 200 }),
		scopes: Type.Array(ScopeSchema, { minItems: 1, uniqueItems: true }),
		expiresAt: Type.Optional(Type.String({ format: 'date-time' })),
	},
	{ additionalProperties: false },
);

type Owner = Parameters<ApiKeysRepository['list']>[0];

/** Mints a key for an owner; the plaintext leaves only in this response. */
async function mint(ctx: AppContext, request: FastifyRequest, owner: Owner, input: { name: string; scopes: readonly ApiScope[]; expiresAt?: string | null }) {
	const granted = currentPrincipal(request).scopes;
	const missing = input.scopes.filter((scope) => !granted.has(scope));
	if (missing.length > 0) throw forbidden(`You cannot grant scopes you do not hold: ${missing.join(', ')}`);
	const generated = generateApiKey();
	const apiKey = await ctx.repos.apiKeys.create(owner, { name: input.name, scopes: input.scopes, expiresAt: input.expiresAt ?? null, prefix: generated.prefix, hash: generated.hash, createdBy: currentPrincipal(request).id });
	return { apiKey, key: generated.key };
}

/** Tenant API keys (read / send / admin) and platform keys (the Service Admin credential). */
export const apiKeysRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
	const { apiKeys } = ctx.repos;
	const admin = requireAuth(ctx.authenticator, { scope: 'admin' });
	const platform = requireAuth(ctx.authenticator, { scope: 'admin', platform: true });
	const base = { tags: ['api-keys'], security: SECURITY };
	const tenantOwner = (request: FastifyRequest, tenantId: string): Owner => ({ tenant: tenantScopeFromPath(request, tenantId) });

	app.get(
		'/v1/tenants/:tenantId/api-keys',
		{ preHandler: admin, schema: { ...base, summary: "List a tenant's API keys (never the keys themselves)", params: TenantParams, response: { 200: Type.Object({ data: Type.Array(ApiKeySchema) }), ...errorResponses(400, 401, 403, 404) } } },
		async (request) => ({ data: await apiKeys.list(tenantOwner(request, request.params.tenantId)) }),
	);

	app.post(
		'/v1/tenants/:tenantId/api-keys',
		{ preHandler: admin, schema: { ...base, summary: 'Create a tenant API key; the key is shown once', params: TenantParams, body: CreateKeyBody, response: { 201: CreatedApiKeySchema, ...errorResponses(400, 401, 403, 404) } } },
		async (request, reply) => {
			const scope = tenantScopeFromPath(request, request.params.tenantId);
			if (!(await ctx.repos.tenants.get(scope))) throw notFound('Tenant', request.params.tenantId);
			reply.status(201);
			return mint(ctx, request, { tenant: scope }, request.body);
		},
	);

	app.post(
		'/v1/tenants/:tenantId/api-keys/:keyId/rotate',
		{ preHandler: admin, schema: { ...base, summary: 'Replace a key with a new one of the same name and scopes; the old one is revoked', params: KeyParams, response: { 201: CreatedApiKeySchema, ...errorResponses(400, 401, 403, 404) } } },
		async (request, reply) => {
			const owner = tenantOwner(request, request.params.tenantId);
			const old = await apiKeys.get(owner, request.params.keyId);
			if (!old || old.revokedAt) throw notFound('API key', request.params.keyId);
			const created = await mint(ctx, request, owner, { name: old.name, scopes: old.scopes, expiresAt: old.expiresAt });
			await apiKeys.revoke(owner, old.id);
			reply.status(201);
			return created;
		},
	);

	app.delete(
		'/v1/tenants/:tenantId/api-keys/:keyId',
		{ preHandler: admin, schema: { ...base, summary: 'Revoke a key (it stops working at once)', params: KeyParams, response: { 200: ApiKeySchema, ...errorResponses(400, 401, 403, 404) } } },
		async (request) => {
			const key = await apiKeys.revoke(tenantOwner(request, request.params.tenantId), request.params.keyId);
			if (!key) throw notFound('API key', request.params.keyId);
			return key;
		},
	);

	app.get(
		'/v1/platform/api-keys',
		{ preHandler: platform, schema: { ...base, summary: 'List platform admin keys', response: { 200: Type.Object({ data: Type.Array(ApiKeySchema) }), ...errorResponses(401, 403) } } },
		async (request) => ({ data: await apiKeys.list({ platform: platformScopeOf(request) }) }),
	);

	app.post(
		'/v1/platform/api-keys',
		{ preHandler: platform, schema: { ...base, summary: 'Create a platform admin key (for the Tenant Admin node); shown once', body: CreateKeyBody, response: { 201: CreatedApiKeySchema, ...errorResponses(400, 401, 403) } } },
		async (request, reply) => {
			reply.status(201);
			return mint(ctx, request, { platform: platformScopeOf(request) }, request.body);
		},
	);

	app.delete(
		'/v1/platform/api-keys/:keyId',
		{ preHandler: platform, schema: { ...base, summary: 'Revoke a platform admin key', params: PlatformKeyParams, response: { 200: ApiKeySchema, ...errorResponses(400, 401, 403, 404) } } },
		async (request) => {
			const key = await apiKeys.revoke({ platform: platformScopeOf(request) }, request.params.keyId);
			if (!key) throw notFound('API key', request.params.keyId);
			return key;
		},
	);
};
