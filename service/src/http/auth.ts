import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Authenticator } from '../auth/authenticator';
import type { ApiScope, Principal } from '../auth/principal';
import { platformScopeFor, scopeFor, type PlatformScope, type TenantScope } from '../auth/tenantScope';
import { AppError, forbidden, notFound } from '../shared/errors';

declare module 'fastify' {
	interface FastifyRequest {
		principal?: Principal;
	}
}

export interface AuthRequirement {
	/** The API-key scope (or role-implied scope) the route needs. */
	scope: ApiScope;
	/** Only platform admins may call it. */
	platform?: boolean;
}

/** preHandler that authenticates the caller and checks the route's requirement. */
export function requireAuth(authenticator: Authenticator, requirement: AuthRequirement): preHandlerAsyncHookHandler {
	return async (request: FastifyRequest, _reply: FastifyReply) => {
		const principal = await authenticator.authenticate({
			authorization: request.headers.authorization,
			apiKey: headerValue(request.headers['x-api-key']),
		});
		if (requirement.platform && principal.role !== 'platform_admin') throw forbidden('This route needs a platform admin');
		if (!principal.scopes.has(requirement.scope)) {
			throw forbidden(`This route needs the "${requirement.scope}" scope`, { requiredScope: requirement.scope, grantedScopes: [...principal.scopes] });
		}
		request.principal = principal;
	};
}

function headerValue(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value[0] : value;
}

function principalOf(request: FastifyRequest): Principal {
	if (!request.principal) throw new Error('Route reads the principal without requireAuth');
	return request.principal;
}

/**
 * The tenant a request acts in: the caller's own, or for platform admins the one named in X-Tenant-Id.
 * Naming a tenant one may not act in answers 404, exactly like a tenant that does not exist.
 */
export function tenantScopeOf(request: FastifyRequest): TenantScope {
	const principal = principalOf(request);
	const named = headerValue(request.headers['x-tenant-id'])?.trim();
	const tenantId = named || principal.tenantId;
	if (!tenantId) {
		throw new AppError(400, 'validation_failed', 'Platform admins must name the tenant in the X-Tenant-Id header', { fields: [{ field: 'headers.x-tenant-id', message: 'is required for platform admins' }] });
	}
	const scope = scopeFor(principal, tenantId);
	if (!scope) throw notFound('Tenant', tenantId);
	return scope;
}

/** Scope for a tenant named in the path (e.g. /v1/tenants/:tenantId/api-keys). */
export function tenantScopeFromPath(request: FastifyRequest, tenantId: string): TenantScope {
	const scope = scopeFor(principalOf(request), tenantId);
	if (!scope) throw notFound('Tenant', tenantId);
	return scope;
}

export function platformScopeOf(request: FastifyRequest): PlatformScope {
	const scope = platformScopeFor(principalOf(request));
	if (!scope) throw forbidden('This route needs a platform admin');
	return scope;
}

export function currentPrincipal(request: FastifyRequest): Principal {
	return principalOf(request);
}
