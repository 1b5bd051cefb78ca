import type { PlatformScope, TenantScope } from '../auth/tenantScope';
import { newId } from '../shared/ids';
import { nowIso } from '../shared/time';
import type { Executor } from '../storage/database';
import type { TenantsTable } from '../storage/schema';

export interface Tenant {
	id: string;
	name: string;
	slug: string;
	status: TenantsTable['status'];
	defaultMode: TenantsTable['default_mode'];
	createdAt: string;
	updatedAt: string;
}

export function toTenant(row: TenantsTable): Tenant {
	return {
		id: row.id,
		name: row.name,
		slug: row.slug,
		status: row.status,
		defaultMode: row.default_mode,
		createdAt: row.created_at,
		updatedAt: row.updated_at,
	};
}

export class TenantsRepository {
	/** `accessChanged` runs after a write that can take rights away (suspension, deletion): credential caches drop what they hold. */
	constructor(
		private readonly db: Executor,
		private readonly accessChanged: () => void = () => undefined,
	) {}

	async create(_platform: PlatformScope, input: { name: string; slug: string }): Promise<Tenant> {
		const now = nowIso();
		const row: TenantsTable = { id: newId('ten'), name: input.name, slug: input.slug, status: 'active', default_mode: null, created_at: now, updated_at: now };
		await this.db.insertInto('tenants').values(row).execute();
		return toTenant(row);
	}

	async list(_platform: PlatformScope, page: { limit: number; after?: string }): Promise<Tenant[]> {
		let query = this.db.selectFrom('tenants').selectAll().orderBy('id').limit(page.limit);
		if (page.after) query = query.where('id', '>', page.after);
		return (await query.execute()).map(toTenant);
	}

	async get(scope: TenantScope): Promise<Tenant | undefined> {
		const row = await this.db.selectFrom('tenants').selectAll().where('id', '=', scope.tenantId).executeTakeFirst();
		return row && toTenant(row);
	}

	async slugTaken(slug: string): Promise<boolean> {
		return Boolean(await this.db.selectFrom('tenants').select('id').where('slug', '=', slug).executeTakeFirst());
	}

	async update(scope: TenantScope, patch: Partial<Pick<TenantsTable, 'name' | 'slug' | 'status' | 'default_mode'>>): Promise<Tenant | undefined> {
		await this.db.updateTable('tenants').set({ ...patch, updated_at: nowIso() }).where('id', '=', scope.tenantId).execute();
		if (patch.status !== undefined) this.accessChanged();
		return this.get(scope);
	}

	async delete(scope: TenantScope): Promise<boolean> {
		const result = await this.db.deleteFrom('tenants').where('id', '=', scope.tenantId).executeTakeFirst();
		this.accessChanged();
		return Number(result.numDeletedRows) > 0;
	}
}
