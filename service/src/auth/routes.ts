import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../context';
import { currentPrincipal, requireAuth, tenantScopeOf } from '../http/auth';
import { RoleSchema, TenantSchema, UserSchema } from '../http/responseSchemas';
import { errorResponses, Nullable, SECURITY } from '../http/schemas';
import { AppError, conflict, invalidField, unauthorized } from '../shared/errors';
import { toUser } from '../tenants/usersRepository';
import { systemPlatformScope, systemScope } from './tenantScope';
import { consumeBootstrapToken } from './bootstrap';
import { signAccessToken } from './jwt';
import { decoyPasswordHash, hashPassword, passwordProblem, verifyPassword } from './passwords';

const Email = Type.String({ format: 'email', maxLength: 254 });
const Password = Type.String({ minLength: 1, maxLength: 1024 });

const TokenResponse = Type.Object({
	accessToken: Type.String(),
	tokenType: Type.Literal('Bearer'),
	expiresIn: Type.Integer({ description: 'Seconds' }),
	user: UserSchema,
});

/** Login, first-admin bootstrap and "who am I". */
export const authRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
	const { users } = ctx.repos;

	app.post(
		'/v1/auth/login',
		{
			schema: {
				tags: ['auth'],
				summary: 'Exchange email and password for a short-lived access token (JWT)',
				body: Type.Object({ email: Email, password: Password }, { additionalProperties: false }),
				response: { 200: TokenResponse, ...errorResponses(400, 401) },
			},
		},
		async (request) => {
			const row = await users.findForLogin(request.body.email);
			const valid = await verifyPassword(request.body.password, row?.password_hash ?? (await decoyPasswordHash()));
			if (!row || !valid || row.disabled_at) throw unauthorized('Email or password is wrong, or the user is disabled');
			await users.recordLogin(row.id);
			const { token, expiresIn } = signAccessToken(ctx.jwt, { userId: row.id, tenantId: row.tenant_id, role: row.role });
			return { accessToken: token, tokenType: 'Bearer' as const, expiresIn, user: toUser(row) };
		},
	);

	app.post(
		'/v1/auth/bootstrap',
		{
			schema: {
				tags: ['auth'],
				summary: 'Create the first platform admin with the one-time token printed at first start',
				body: Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }), email: Email, password: Password, name: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false }),
				response: { 201: TokenResponse, ...errorResponses(400, 401, 409) },
			},
		},
		async (request, reply) => {
			const problem = passwordProblem(request.body.password);
			if (problem) throw invalidField('body.password', problem);
			if (await users.platformAdminExists()) throw conflict('A platform admin already exists; log in instead');
			if (await users.emailTaken(request.body.email)) throw conflict('A user with this email already exists', { field: 'body.email' });
			if (!(await consumeBootstrapToken(ctx, request.body.token))) throw unauthorized('Bootstrap token is invalid, used or expired; restart the service to print a new one');
			const user = await users.createPlatformAdmin(systemPlatformScope('bootstrap'), {
				email: request.body.email,
				name: request.body.name ?? null,
				passwordHash: await hashPassword(request.body.password),
			});
			const { token, expiresIn } = signAccessToken(ctx.jwt, { userId: user.id, tenantId: null, role: 'platform_admin' });
			reply.status(201);
			return { accessToken: token, tokenType: 'Bearer' as const, expiresIn, user };
		},
	);

	app.get(
		'/v1/me',
		{
			preHandler: requireAuth(ctx.authenticator, { scope: 'read' }),
			schema: {
				tags: ['auth'],
				summary: 'Who the credentials belong to, and their tenant',
				security: SECURITY,
				response: {
					200: Type.Object({
						principal: Type.Object({ kind: Type.Union([Type.Literal('user'), Type.Literal('api_key')]), id: Type.String(), role: RoleSchema, scopes: Type.Array(Type.String()) }),
						tenant: Nullable(TenantSchema),
					}),
					...errorResponses(401),
				},
			},
		},
		async (request) => {
			const principal = currentPrincipal(request);
			// Platform admins may look through a tenant (X-Tenant-Id); anyone naming a tenant not theirs gets 404.
			const scope = request.headers['x-tenant-id'] ? tenantScopeOf(request) : principal.tenantId ? systemScope(principal.tenantId, 'me') : undefined;
			const tenant = scope ? await ctx.repos.tenants.get(scope) : undefined;
			if (principal.tenantId && !tenant) throw new AppError(401, 'unauthorized', 'The tenant of these credentials no longer exists');
			return {
				principal: { kind: principal.kind, id: principal.id, role: principal.role, scopes: [...principal.scopes] },
				tenant: tenant ?? null,
			};
		},
	);
};
