import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { TenantScope } from '../../auth/tenantScope';
import type { ChannelKind } from '../../channels/messages';
import type { ChannelHealth } from '../../channels/port';
import type { AppContext } from '../../context';
import { requireAuth, tenantScopeOf } from '../../http/auth';
import { errorResponses, Nullable, SECURITY } from '../../http/schemas';
import { conflict, notFound } from '../../shared/errors';

const Mode = Type.Union([Type.Literal('cloud'), Type.Literal('web')]);

const HealthSchema = Type.Object({
	channel: Mode,
	enabled: Type.Boolean(),
	configured: Type.Boolean(),
	healthy: Type.Boolean(),
	reason: Type.Optional(Type.String()),
	accounts: Type.Array(Type.Object({ id: Type.String(), address: Type.Optional(Type.String()), healthy: Type.Boolean(), state: Type.String(), reason: Type.Optional(Type.String()) })),
});

const ConfigSchema = Type.Object({ tenantId: Type.String(), defaultMode: Nullable(Mode), channels: Type.Array(HealthSchema) });

const ALL_CHANNELS: readonly ChannelKind[] = ['cloud', 'web'];

/** Health of each channel for a tenant; a channel not running in this process is reported, not hidden. */
export async function channelHealth(ctx: AppContext, scope: TenantScope, kind: ChannelKind) {
	if (!ctx.channels.available().includes(kind)) {
		return { channel: kind, enabled: false, configured: false, healthy: false, reason: `The ${kind} channel is not enabled on this service`, accounts: [] };
	}
	const health: ChannelHealth = await ctx.channels.get(kind).health(scope);
	return {
		channel: kind,
		enabled: true,
		configured: health.configured,
		healthy: health.healthy,
		...(health.reason ? { reason: health.reason } : {}),
		accounts: health.accounts.map((a) => ({ id: a.account.id, ...(a.account.address ? { address: a.account.address } : {}), healthy: a.healthy, state: a.state, ...(a.reason ? { reason: a.reason } : {}) })),
	};
}

/** The tenant's channel overview and its default mode (cloud | web), switched only to a channel that can send. */
export const configRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
	const base = { tags: ['config'], security: SECURITY };

	app.get(
		'/v1/config',
		{ preHandler: requireAuth(ctx.authenticator, { scope: 'read' }), schema: { ...base, summary: "The tenant's default mode and the health of each channel", response: { 200: ConfigSchema, ...errorResponses(400, 401, 404) } } },
		async (request) => {
			const scope = tenantScopeOf(request);
			const tenant = await ctx.repos.tenants.get(scope);
			if (!tenant) throw notFound('Tenant', scope.tenantId);
			return { tenantId: tenant.id, defaultMode: tenant.defaultMode, channels: await Promise.all(ALL_CHANNELS.map((kind) => channelHealth(ctx, scope, kind))) };
		},
	);

	app.put(
		'/v1/config/default-mode',
		{
			preHandler: requireAuth(ctx.authenticator, { scope: 'admin' }),
			schema: {
				...base,
				summary: 'Switch the default mode; refused (409) unless the target channel is configured and healthy',
				body: Type.Object({ mode: Mode }, { additionalProperties: false }),
				response: { 200: ConfigSchema, ...errorResponses(400, 401, 403, 404, 409) },
			},
		},
		async (request) => {
			const scope = tenantScopeOf(request);
			if (!(await ctx.repos.tenants.get(scope))) throw notFound('Tenant', scope.tenantId);
			const target = await channelHealth(ctx, scope, request.body.mode);
			if (!target.enabled || !target.configured || !target.healthy) {
				const reason = !target.enabled
					? target.reason
					: !target.configured
						? `The ${request.body.mode} channel is not configured for this tenant (${request.body.mode === 'cloud' ? 'register a Meta app and a phone number' : 'create and connect a WhatsApp Web session'})`
						: `The ${request.body.mode} channel is not healthy${target.reason ? `: ${target.reason}` : ''}`;
				throw conflict(`Cannot switch the default mode to ${request.body.mode}: ${reason}`, { mode: request.body.mode, health: target });
			}
			const tenant = (await ctx.repos.tenants.update(scope, { default_mode: request.body.mode }))!;
			return { tenantId: tenant.id, defaultMode: tenant.defaultMode, channels: await Promise.all(ALL_CHANNELS.map((kind) => channelHealth(ctx, scope, kind))) };
		},
	);
};
