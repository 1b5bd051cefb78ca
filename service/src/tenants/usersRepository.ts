import type { PlatformScope, TenantScope } from '../auth/tenantScope';
import { newId } from '../shared/ids';
import { nowIso } from '../shared/time';
import type { Executor } from '../storage/database';
import type { UserRole, UsersTable } from '../storage/schema';

export interface User {
	id: string;
	tenantId: string | null;
	email: string;
	name: string | null;
	role: UserRole;
	disabled: boolean;
	lastLoginAt: string | null;
	createdAt: string;
	updatedAt: string;
}

export function toUser(row: UsersTable): User {
	return {
		id: row.id,
		tenantId: row.tenant_id,
		email: row.email,
		name: row.name,
		role: row.role,
		disabled: row.disabled_at !== null,
		lastLoginAt: row.last_login_at,
		createdAt: row.created_at,
		updatedAt: row.updated_at,
	};
}

interface NewUser {
	email: string;
	name?: string | null;
	passwordHash: string;
}

export class UsersRepository {
	constructor(private readonly db: Executor) {}

	private async insert(tenantId: string | null, role: UserRole, input: NewUser): Promise<User> {
		const now = nowIso();
		const row: UsersTable = {
			id: newId('usr'),
			tenant_id: tenantId,
			email: input.email.toLowerCase(),
			name: input.name ?? null,
			password_hash: input.passwordHash,
			role,
			disabled_at: null,
			last_login_at: null,
			created_at: now,
			updated_at: now,
		};
		await this.db.insertInto('users').values(row).execute();
		return toUser(row);
	}

	createPlatformAdmin(_platform: PlatformScope, input: NewUser): Promise<User> {
		return this.insert(null, 'platform_admin', input);
	}

	createInTenant(scope: TenantScope, role: Exclude<UserRole, 'platform_admin'>, input: NewUser): Promise<User> {
		return this.insert(scope.tenantId, role, input);
	}

	async list(scope: TenantScope): Promise<User[]> {
		const rows = await this.db.selectFrom('users').selectAll().where('tenant_id', '=', scope.tenantId).orderBy('id').execute();
		return rows.map(toUser);
	}

	async get(scope: TenantScope, id: string): Promise<User | undefined> {
		const row = await this.db.selectFrom('users').selectAll().where('tenant_id', '=', scope.tenantId).where('id', '=', id).executeTakeFirst();
		return row && toUser(row);
	}

	async update(scope: TenantScope, id: string, patch: { name?: string | null; role?: Exclude<UserRole, 'platform_admin'>; disabled?: boolean; passwordHash?: string }): Promise<User | undefined> {
		const now = nowIso();
		await this.db
			.updateTable('users')
			.set({
				...(patch.name !== undefined ? { name: patch.name } : {}),
				...(patch.role ? { role: patch.role } : {}),
				...(patch.disabled !== undefined ? { disabled_at: patch.disabled ? now : null } : {}),
				...(patch.passwordHash ? { password_hash: patch.passwordHash } : {}),
				updated_at: now,
			})
			.where('tenant_id', '=', scope.tenantId)
			.where('id', '=', id)
			.execute();
		return this.get(scope, id);
	}

	async delete(scope: TenantScope, id: string): Promise<boolean> {
		const result = await this.db.deleteFrom('users').where('tenant_id', '=', scope.tenantId).where('id', '=', id).executeTakeFirst();
		return Number(result.numDeletedRows) > 0;
	}

	async emailTaken(email: string): Promise<boolean> {
		return Boolean(await this.db.selectFrom('users').select('id').where('email', '=', email.toLowerCase()).executeTakeFirst());
	}

	async platformAdminExists(): Promise<boolean> {
		return Boolean(await this.db.selectFrom('users').select('id').where('role', '=', 'platform_admin').where('disabled_at', 'is', null).executeTakeFirst());
	}

	// The two lookups below run before any scope exists: they are how a caller proves who they are.

	async findForLogin(email: string): Promise<UsersTable | undefined> {
		return this.db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
	}

	async findForToken(id: string): Promise<(UsersTable & { tenant_status: string | null }) | undefined> {
		return this.db.selectFrom('users').leftJoin('tenants', 'tenants.id', 'users.tenant_id').selectAll('users').select('tenants.status as tenant_status').where('users.id', '=', id).executeTakeFirst();
	}

	async recordLogin(id: string): Promise<void> {
		await this.db.updateTable('users').set({ last_login_at: nowIso() }).where('id', '=', id).execute();
	}
}
