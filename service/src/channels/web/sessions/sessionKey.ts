import { systemScope, type TenantScope } from '../../../auth/tenantScope';

/**
 * The driver knows a session only by its key. Ours carries the tenant and the session row id
 * (`ten_…-wss_…`, 61 characters of [a-z0-9_-]), so the archive store can scope every read and write
 * without a lookup, and the key doubles as the browser profile's directory name.
 */
export function sessionKeyOf(tenantId: string, sessionId: string): string {
	return `${tenantId}-${sessionId}`;
}

export function parseSessionKey(sessionKey: string): { tenantId: string; sessionId: string } | undefined {
	const match = /^(ten_[0-9a-z]+)-(wss_[0-9a-z]+)$/.exec(sessionKey);
	return match ? { tenantId: match[1] as string, sessionId: match[2] as string } : undefined;
}

/** The scope the driver's archive store acts in for one session key. */
export function archiveScopeOf(tenantId: string): TenantScope {
	return systemScope(tenantId, 'web-session-archive');
}
