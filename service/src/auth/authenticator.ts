import { AppError, forbidden, unauthorized } from '../shared/errors';
import { nowIso } from '../shared/time';
import type { ApiKeysRepository } from '../tenants/apiKeysRepository';
import type { UsersRepository } from '../tenants/usersRepository';
import { hashApiKey, looksLikeApiKey } from './apiKeys';
import { verifyAccessToken, type JwtSettings } from './jwt';
import { scopesForRole, type ApiScope, type Principal } from './principal';

const suspended = () => forbidden('This tenant is suspended; a platform admin can reactivate it');

/** last_used_at is advisory: writing it on every request would cost a write per call, so once a minute is enough. */
const LAST_USED_WRITE_INTERVAL_MS = 60_000;

export interface Credentials {
	authorization?: string;
	apiKey?: string;
}

/** Turns request credentials into a Principal, or throws 401 saying what was wrong. */
export class Authenticator {
	private readonly lastUsedWrites = new Map<string, number>();

	constructor(
		private readonly jwt: JwtSettings,
		private readonly users: UsersRepository,
		private readonly apiKeys: ApiKeysRepository,
	) {}

	async authenticate(credentials: Credentials): Promise<Principal> {
		const bearer = credentials.authorization?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
		if (credentials.authorization && !bearer) throw unauthorized('Authorization header must be "Bearer <token or API key>"');
		const presented = credentials.apiKey?.trim() || bearer;
		if (!presented) throw unauthorized();
		return looksLikeApiKey(presented) ? this.fromApiKey(presented) : this.fromAccessToken(presented);
	}

	private async fromApiKey(key: string): Promise<Principal> {
		const row = await this.apiKeys.findForAuthentication(hashApiKey(key));
		if (!row) throw unauthorized('Unknown API key');
		if (row.revoked_at) throw unauthorized('API key has been revoked');
		const now = nowIso();
		if (row.expires_at && row.expires_at <= now) throw unauthorized('API key has expired');
		if (row.tenant_status === 'suspended') throw suspended();
		this.recordUse(row.id, now);
		const scopes = row.scopes.split(',').filter(Boolean) as ApiScope[];
		return {
			kind: 'api_key',
			id: row.id,
			tenantId: row.tenant_id,
			role: row.tenant_id === null ? 'platform_admin' : scopes.includes('admin') ? 'tenant_admin' : 'member',
			scopes: new Set(row.tenant_id === null ? (['read', 'send', 'admin'] as ApiScope[]) : scopes),
		};
	}

	private async fromAccessToken(token: string): Promise<Principal> {
		const claims = verifyAccessToken(this.jwt, token);
		const user = await this.users.findForToken(claims.userId);
		if (!user || user.disabled_at) throw unauthorized('User no longer exists or is disabled');
		if (user.tenant_status === 'suspended') throw suspended();
		if (user.role !== claims.role || user.tenant_id !== claims.tenantId) {
			throw new AppError(401, 'token_expired', 'Your role or tenant changed since this token was issued; log in again');
		}
		return { kind: 'user', id: user.id, tenantId: user.tenant_id, role: user.role, scopes: scopesForRole(user.role) };
	}

	private recordUse(id: string, now: string): void {
		const last = this.lastUsedWrites.get(id) ?? 0;
		if (Date.now() - last < LAST_USED_WRITE_INTERVAL_MS) return;
		this.lastUsedWrites.set(id, Date.now());
		void this.apiKeys.touch(id, now).catch(() => this.lastUsedWrites.delete(id));
	}
}
