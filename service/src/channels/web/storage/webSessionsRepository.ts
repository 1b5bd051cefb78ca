import type { Kysely, Selectable } from 'kysely';
import type { TenantScope } from '../../../auth/tenantScope';
import { newId } from '../../../shared/ids';
import { nowIso } from '../../../shared/time';
import type { Database } from '../../../storage/schema';
import type { WebSession, WebSessionSettings } from '../sessions/webSession';
import type { PendingCommand, WebSessionsTable } from './tables';

export function toWebSession(row: Selectable<WebSessionsTable>): WebSession {
	return {
		id: row.id,
		tenantId: row.tenant_id,
		name: row.name,
		isDefault: row.is_default === 1,
		pairingPhone: row.pairing_phone,
		settings: JSON.parse(row.settings_json) as WebSessionSettings,
		desired: row.desired,
		status: row.status,
		reason: row.status_reason,
		statusChangedAt: row.status_changed_at,
		qr: row.status === 'SCAN_QR' && row.qr_value ? { value: row.qr_value, rotation: row.qr_rotation } : null,
		pairingCode: row.status === 'SCAN_QR' ? row.pairing_code : null,
		me: row.own_id ? { id: row.own_id, pushName: row.push_name } : null,
		owner: row.owner_id && row.lease_expires_at ? { id: row.owner_id, leaseExpiresAt: row.lease_expires_at, url: row.owner_url } : null,
		pendingCommand: row.pending_command,
		createdAt: row.created_at,
		updatedAt: row.updated_at,
	};
}

export interface NewWebSession {
	name: string;
	isDefault: boolean;
	pairingPhone: string | null;
	settings: WebSessionSettings;
}

export interface WebSessionPatch {
	isDefault?: boolean;
	pairingPhone?: string | null;
	settings?: WebSessionSettings;
}

/** A tenant's sessions: their names, options and last known state. Status changes go through SessionStatusWriter. */
export class WebSessionsRepository {
	constructor(private readonly db: Kysely<Database>) {}

	private rows(scope: TenantScope) {
		return this.db.selectFrom('web_sessions').selectAll().where('tenant_id', '=', scope.tenantId);
	}

	async list(scope: TenantScope): Promise<WebSession[]> {
		return (await this.rows(scope).orderBy('name').execute()).map(toWebSession);
	}

	async get(scope: TenantScope, name: string): Promise<WebSession | undefined> {
		const row = await this.rows(scope).where('name', '=', name).executeTakeFirst();
		return row ? toWebSession(row) : undefined;
	}

	async getById(scope: TenantScope, id: string): Promise<WebSession | undefined> {
		const row = await this.rows(scope).where('id', '=', id).executeTakeFirst();
		return row ? toWebSession(row) : undefined;
	}

	/** Creates the session, or returns the existing one of that name untouched (`created: false`). */
	async create(scope: TenantScope, input: NewWebSession): Promise<{ session: WebSession; created: boolean }> {
		const existing = await this.get(scope, input.name);
		if (existing) return { session: existing, created: false };
		const now = nowIso();
		try {
			await this.db.transaction().execute(async (tx) => {
				if (input.isDefault) await tx.updateTable('web_sessions').set({ is_default: 0, updated_at: now }).where('tenant_id', '=', scope.tenantId).execute();
				await tx
					.insertInto('web_sessions')
					.values({
						id: newId('wss'),
						tenant_id: scope.tenantId,
						name: input.name,
						is_default: input.isDefault ? 1 : 0,
						pairing_phone: input.pairingPhone,
						settings_json: JSON.stringify(input.settings),
						desired: 'stopped',
						status: 'STOPPED',
						status_reason: null,
						status_changed_at: now,
						qr_value: null,
						qr_rotation: 0,
						pairing_code: null,
						own_id: null,
						push_name: null,
						owner_id: null,
						owner_url: null,
						lease_expires_at: null,
						pending_command: null,
						created_at: now,
						updated_at: now,
					})
					.execute();
			});
		} catch (error) {
			// Two creates raced on the unique name: the other one won, which is what this one wanted too.
			const winner = await this.get(scope, input.name);
			if (winner) return { session: winner, created: false };
			throw error;
		}
		return { session: (await this.get(scope, input.name)) as WebSession, created: true };
	}

	async update(scope: TenantScope, name: string, patch: WebSessionPatch): Promise<WebSession | undefined> {
		const now = nowIso();
		const found = await this.db.transaction().execute(async (tx) => {
			const row = await tx.selectFrom('web_sessions').select('id').where('tenant_id', '=', scope.tenantId).where('name', '=', name).executeTakeFirst();
			if (!row) return false;
			if (patch.isDefault) await tx.updateTable('web_sessions').set({ is_default: 0, updated_at: now }).where('tenant_id', '=', scope.tenantId).execute();
			await tx
				.updateTable('web_sessions')
				.set({
					...(patch.isDefault !== undefined ? { is_default: patch.isDefault ? 1 : 0 } : {}),
					...(patch.pairingPhone !== undefined ? { pairing_phone: patch.pairingPhone } : {}),
					...(patch.settings !== undefined ? { settings_json: JSON.stringify(patch.settings) } : {}),
					updated_at: now,
				})
				.where('id', '=', row.id)
				.execute();
			return true;
		});
		return found ? this.get(scope, name) : undefined;
	}

	async delete(scope: TenantScope, id: string): Promise<boolean> {
		const result = await this.db.deleteFrom('web_sessions').where('tenant_id', '=', scope.tenantId).where('id', '=', id).executeTakeFirst();
		return Number(result.numDeletedRows) > 0;
	}

	/** Asks the replica that runs the session to do something (it picks the request up when it renews its lease). */
	/** The desired state changes with it, so the request survives that replica dying before it acts. */
	async requestCommand(scope: TenantScope, id: string, command: PendingCommand, desired: WebSession['desired']): Promise<void> {
		await this.db.updateTable('web_sessions').set({ pending_command: command, desired, updated_at: nowIso() }).where('tenant_id', '=', scope.tenantId).where('id', '=', id).execute();
	}
}
