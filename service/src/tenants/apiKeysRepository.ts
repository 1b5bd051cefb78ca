import { CredentialCache } from '../auth/credentialCache';
import type { ApiScope } from '../auth/principal';
import type { PlatformScope, TenantScope } from '../auth/tenantScope';
import { newId } from '../shared/ids';
import { nowIso } from '../shared/time';
import type { Executor } from '../storage/database';
import type { ApiKeysTable } from '../storage/schema';

export interface ApiKey {
	id: string;
	tenantId: string | null;
	name: string;
	prefix: string;
	scopes: ApiScope[];
	createdAt: string;
	lastUsedAt: string | null;
	expiresAt: string | null;
	revokedAt: string | null;
}

export function toApiKey(row: ApiKeysTable): ApiKey {
	return {
		id: row.id,
		tenantId: row.tenant_id,
		name: row.name,
		prefix: row.prefix,
		scopes: row.scopes.split(',').filter(Boolean) as ApiScope[],
		createdAt: row.created_at,
		lastUsedAt: row.last_used_at,
		expiresAt: row.expires_at,
		revokedAt: row.revoked_at,
	};
}

interface NewKey {
	name: string;
	prefix: string;
	hash: string;
	scopes: readonly ApiScope[];
	createdBy: string;
	expiresAt?: string | null;
}

/** Key owners are either one tenant (a TenantScope) or the platform (a PlatformScope, tenant_id null). */
type Owner = { tenant: TenantScope } | { platform: PlatformScope };

function ownerTenantId(owner: Owner): string | null {
	return 'tenant' in owner ? owner.tenant.tenantId : null;
}

export type AuthenticationRow = ApiKeysTable & { tenant_status: string | null };

/** How long another replica's revocation (or tenant suspension) may take to reach this process. */
const AUTHENTICATED_TTL_MS = 1000;

export class ApiKeysRepository {
	private readonly authenticated = new CredentialCache<AuthenticationRow>(AUTHENTICATED_TTL_MS);

	constructor(private readonly db: Executor) {}

	async create(owner: Owner, input: NewKey): Promise<ApiKey> {
		const row: ApiKeysTable = {
			id: newId('key'),
			tenant_id: ownerTenantId(owner),
			name: input.name,
			prefix: input.prefix,
			key_hash: input.hash,
			scopes: input.scopes.join(','),
			created_by: input.createdBy,
			created_at: nowIso(),
			last_used_at: null,
			expires_at: input.expiresAt ?? null,
			revoked_at: null,
		};
		await this.db.insertInto('api_keys').values(row).execute();
		return toApiKey(row);
	}

	private owned(owner: Owner) {
		const tenantId = ownerTenantId(owner);
		const query = this.db.selectFrom('api_keys').selectAll();
		return tenantId === null ? query.where('tenant_id', 'is', null) : query.where('tenant_id', '=', tenantId);
	}

	async list(owner: Owner): Promise<ApiKey[]> {
		return (await this.owned(owner).orderBy('id').execute()).map(toApiKey);
	}

	async get(owner: Owner, id: string): Promise<ApiKey | undefined> {
		const row = await this.owned(owner).where('id', '=', id).executeTakeFirst();
		return row && toApiKey(row);
	}

	async revoke(owner: Owner, id: string): Promise<ApiKey | undefined> {
		const tenantId = ownerTenantId(owner);
		let update = this.db.updateTable('api_keys').set({ revoked_at: nowIso() }).where('id', '=', id).where('revoked_at', 'is', null);
		update = tenantId === null ? update.where('tenant_id', 'is', null) : update.where('tenant_id', '=', tenantId);
		await update.execute();
		this.forgetAuthenticated();
		return this.get(owner, id);
	}

	/** Authentication: findByHash, remembered for a second (see CredentialCache; revoke and tenant changes clear it). */
	findForAuthentication(hash: string): Promise<AuthenticationRow | undefined> {
		return this.authenticated.get(hash, () => this.findByHash(hash));
	}

	/** Something that can take a key's rights away changed: authenticate from the database again. */
	forgetAuthenticated(): void {
		this.authenticated.invalidate();
	}

	/** Authentication only: runs before any scope exists. */
	async findByHash(hash: string): Promise<AuthenticationRow | undefined> {
		return this.db
			.selectFrom('api_keys')
			.leftJoin('tenants', 'tenants.id', 'api_keys.tenant_id')
			.selectAll('api_keys')
			.select('tenants.status as tenant_status')
			.where('api_keys.key_hash', '=', hash)
			.executeTakeFirst();
	}

	async touch(id: string, at: string): Promise<void> {
		await this.db.updateTable('api_keys').set({ last_used_at: at }).where('id', '=', id).execute();
	}
}
