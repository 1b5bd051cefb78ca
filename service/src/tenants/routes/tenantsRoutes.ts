import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../context';
import { currentPrincipal, platformScopeOf, requireAuth, tenantScopeFromPath, tenantScopeOf } from '../../http/auth';
import { TenantSchema } from '../../http/responseSchemas';
import { errorResponses, IdParam, PageQuery, SECURITY } from '../../http/schemas';
import { conflict, forbidden, notFound } from '../../shared/errors';
import { randomSecret } from '../../shared/ids';

const Slug = Type.String({ pattern: '^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$', description: 'lowercase letters, digits and dashes' });
const TenantParams = IdParam('tenantId', 'ten');

function slugify(name: string): string {
	const slug = name
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 48);
	return slug || 'tenant';
}

/** Tenants: platform admins manage all; a tenant's own callers see and (as admins) rename theirs. */
export const tenantsRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
	const { tenants } = ctx.repos;
	const read = requireAuth(ctx.authenticator, { scope: 'read' });
	const admin = requireAuth(ctx.authenticator, { scope: 'admin' });
	const platform = requireAuth(ctx.authenticator, { scope: 'admin', platform: true });

	app.get(
		'/v1/tenants',
		{
			preHandler: read,
			schema: { tags: ['tenants'], summary: 'List tenants (platform admins: all; others: their own)', security: SECURITY, querystring: PageQuery, response: { 200: Type.Object({ data: Type.Array(TenantSchema), nextCursor: Type.Union([Type.String(), Type.Null()]) }), ...errorResponses(400, 401) } },
		},
		async (request) => {
			const principal = currentPrincipal(request);
			const limit = request.query.limit ?? 50;
			if (request.headers['x-tenant-id']) return { data: [(await tenants.get(tenantScopeOf(request)))!].filter(Boolean), nextCursor: null };
			if (principal.role !== 'platform_admin') {
				const own = principal.tenantId ? await tenants.get(tenantScopeFromPath(request, principal.tenantId)) : undefined;
				return { data: own ? [own] : [], nextCursor: null };
			}
			const data = await tenants.list(platformScopeOf(request), { limit, after: request.query.after });
			return { data, nextCursor: data.length === limit ? (data.at(-1)?.id ?? null) : null };
		},
	);

	app.post(
		'/v1/tenants',
		{
			preHandler: platform,
			schema: {
				tags: ['tenants'],
				summary: 'Create a tenant',
				security: SECURITY,
				body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }), slug: Type.Optional(Slug) }, { additionalProperties: false }),
				response: { 201: TenantSchema, ...errorResponses(400, 401, 403, 409) },
			},
		},
		async (request, reply) => {
			let slug = request.body.slug;
			if (slug && (await tenants.slugTaken(slug))) throw conflict(`Slug ${slug} is taken`, { field: 'body.slug' });
			if (!slug) {
				slug = slugify(request.body.name);
				if (await tenants.slugTaken(slug)) slug = `${slug}-${randomSecret(4).toLowerCase().replace(/[^a-z0-9]/g, '0')}`;
			}
			reply.status(201);
			return tenants.create(platformScopeOf(request), { name: request.body.name, slug });
		},
	);

	app.get(
		'/v1/tenants/:tenantId',
		{ preHandler: read, schema: { tags: ['tenants'], summary: 'Get a tenant', security: SECURITY, params: TenantParams, response: { 200: TenantSchema, ...errorResponses(400, 401, 404) } } },
		async (request) => {
			const tenant = await tenants.get(tenantScopeFromPath(request, request.params.tenantId));
			if (!tenant) throw notFound('Tenant', request.params.tenantId);
			return tenant;
		},
	);

	app.patch(
		'/v1/tenants/:tenantId',
		{
			preHandler: admin,
			schema: {
				tags: ['tenants'],
				summary: 'Rename a tenant, change its slug, or (platform admins) suspend or reactivate it',
				security: SECURITY,
				params: TenantParams,
				body: Type.Object(
					{ name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })), slug: Type.Optional(Slug), status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('suspended')])) },
					{ additionalProperties: false, minProperties: 1 },
				),
				response: { 200: TenantSchema, ...errorResponses(400, 401, 403, 404, 409) },
			},
		},
		async (request) => {
			const scope = tenantScopeFromPath(request, request.params.tenantId);
			const current = await tenants.get(scope);
			if (!current) throw notFound('Tenant', request.params.tenantId);
			if (request.body.status && currentPrincipal(request).role !== 'platform_admin') throw forbidden('Only platform admins change a tenant status');
			if (request.body.slug && request.body.slug !== current.slug && (await tenants.slugTaken(request.body.slug))) throw conflict(`Slug ${request.body.slug} is taken`, { field: 'body.slug' });
			return (await tenants.update(scope, request.body))!;
		},
	);

	app.delete(
		'/v1/tenants/:tenantId',
		{ preHandler: platform, schema: { tags: ['tenants'], summary: 'Delete a tenant and all its data', security: SECURITY, params: TenantParams, response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) } } },
		async (request, reply) => {
			if (!(await tenants.delete(tenantScopeFromPath(request, request.params.tenantId)))) throw notFound('Tenant', request.params.tenantId);
			return reply.status(204).send(null);
		},
	);
};
