import type { Principal } from './principal';
import { isPlatformAdmin } from './principal';

declare const scopeBrand: unique symbol;

/**
 * Proof that the caller may act inside one tenant. Every repository function takes it first, and it can only be
 * minted here: from a verified principal, or explicitly by system code (webhook routing, workers) naming why.
 */
export interface TenantScope {
	readonly tenantId: string;
	/** Who acts, for audit logs: a user id, key id or system component. */
	readonly actor: string;
	readonly [scopeBrand]: true;
}

function mint(tenantId: string, actor: string): TenantScope {
	return { tenantId, actor } as TenantScope;
}

/** The scope a principal gets in a tenant, or undefined when it may not act there (callers answer 404). */
export function scopeFor(principal: Principal, tenantId: string): TenantScope | undefined {
	if (principal.tenantId === tenantId || isPlatformAdmin(principal)) return mint(tenantId, principal.id);
	return undefined;
}

/** For code acting on behalf of no caller, e.g. routing an inbound webhook to the tenant that owns a number. */
export function systemScope(tenantId: string, component: string): TenantScope {
	return mint(tenantId, `system:${component}`);
}

declare const platformBrand: unique symbol;

/** Proof that the caller administers the whole platform: needed for tenant-less data (tenants, platform keys, unrouted webhooks). */
export interface PlatformScope {
	readonly actor: string;
	readonly [platformBrand]: true;
}

export function platformScopeFor(principal: Principal): PlatformScope | undefined {
	return isPlatformAdmin(principal) ? ({ actor: principal.id } as PlatformScope) : undefined;
}

export function systemPlatformScope(component: string): PlatformScope {
	return { actor: `system:${component}` } as PlatformScope;
}
