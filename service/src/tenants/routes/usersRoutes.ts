import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { hashPassword, passwordProblem } from '../../auth/passwords';
import type { AppContext } from '../../context';
import { requireAuth, tenantScopeFromPath } from '../../http/auth';
import { UserSchema } from '../../http/responseSchemas';
import { errorResponses, IdParam, SECURITY } from '../../http/schemas';
import { conflict, invalidField, notFound } from '../../shared/errors';

const TenantRole = Type.Union([Type.Literal('tenant_admin'), Type.Literal('member')]);
const TenantParams = IdParam('tenantId', 'ten');
const UserParams = Type.Intersect([TenantParams, IdParam('userId', 'usr')]);

async function checkedHash(password: string): Promise<string> {
	const problem = passwordProblem(password);
	if (problem) throw invalidField('body.password', problem);
	return hashPassword(password);
}

/** A tenant's users; only its admins (or platform admins) manage them. */
export const usersRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
	const { users } = ctx.repos;
	const admin = requireAuth(ctx.authenticator, { scope: 'admin' });
	const base = { tags: ['users'], security: SECURITY };

	app.get(
		'/v1/tenants/:tenantId/users',
		{ preHandler: admin, schema: { ...base, summary: 'List users of a tenant', params: TenantParams, response: { 200: Type.Object({ data: Type.Array(UserSchema) }), ...errorResponses(400, 401, 403, 404) } } },
		async (request) => ({ data: await users.list(tenantScopeFromPath(request, request.params.tenantId)) }),
	);

	app.post(
		'/v1/tenants/:tenantId/users',
		{
			preHandler: admin,
			schema: {
				...base,
				summary: 'Create a user in a tenant',
				params: TenantParams,
				body: Type.Object(
					{ email: Type.String({ format: 'email', maxLength: 254 }), password: Type.String({ maxLength: 1024 }), name: Type.Optional(Type.String({ maxLength: 200 })), role: TenantRole },
					{ additionalProperties: false },
				),
				response: { 201: UserSchema, ...errorResponses(400, 401, 403, 404, 409) },
			},
		},
		async (request, reply) => {
			const scope = tenantScopeFromPath(request, request.params.tenantId);
			if (!(await ctx.repos.tenants.get(scope))) throw notFound('Tenant', request.params.tenantId);
			if (await users.emailTaken(request.body.email)) throw conflict('A user with this email already exists', { field: 'body.email' });
			const passwordHash = await checkedHash(request.body.password);
			reply.status(201);
			return users.createInTenant(scope, request.body.role, { email: request.body.email, name: request.body.name, passwordHash });
		},
	);

	app.patch(
		'/v1/tenants/:tenantId/users/:userId',
		{
			preHandler: admin,
			schema: {
				...base,
				summary: 'Change a user: name, role, password, or disable',
				params: UserParams,
				body: Type.Object(
					{ name: Type.Optional(Type.String({ maxLength: 200 })), role: Type.Optional(TenantRole), password: Type.Optional(Type.String({ maxLength: 1024 })), disabled: Type.Optional(Type.Boolean()) },
					{ additionalProperties: false, minProperties: 1 },
				),
				response: { 200: UserSchema, ...errorResponses(400, 401, 403, 404) },
			},
		},
		async (request) => {
			const scope = tenantScopeFromPath(request, request.params.tenantId);
			const passwordHash = request.body.password !== undefined ? await checkedHash(request.body.password) : undefined;
			const user = await users.update(scope, request.params.userId, { name: request.body.name, role: request.body.role, disabled: request.body.disabled, passwordHash });
			if (!user) throw notFound('User', request.params.userId);
			return user;
		},
	);

	app.delete(
		'/v1/tenants/:tenantId/users/:userId',
		{ preHandler: admin, schema: { ...base, summary: 'Delete a user', params: UserParams, response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) } } },
		async (request, reply) => {
			if (!(await users.delete(tenantScopeFromPath(request, request.params.tenantId), request.params.userId))) throw notFound('User', request.params.userId);
			return reply.status(204).send(null);
		},
	);
};
