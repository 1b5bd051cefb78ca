import type { UserRole } from '../storage/schema';

/** What an API key may do; a user's role implies its scopes. */
export type ApiScope = 'read' | 'send' | 'admin';
export const API_SCOPES: readonly ApiScope[] = ['read', 'send', 'admin'];

/** Who is calling, as proven by a verified token or key. Only the auth layer creates these. */
export interface Principal {
	readonly kind: 'user' | 'api_key';
	readonly id: string;
	/** Null for platform admins (users or platform keys), who act on any tenant they name. */
	readonly tenantId: string | null;
	readonly role: UserRole;
	readonly scopes: ReadonlySet<ApiScope>;
}

export function isPlatformAdmin(principal: Principal): boolean {
	return principal.role === 'platform_admin';
}

export function scopesForRole(role: UserRole): ReadonlySet<ApiScope> {
	return new Set<ApiScope>(role === 'member' ? ['read', 'send'] : ['read', 'send', 'admin']);
}
