import type { TenantScope } from '../../../auth/tenantScope';
import { newId } from '../../../shared/ids';
import { nowIso } from '../../../shared/time';
import type { Executor } from '../../../storage/database';
import type { CloudNumbersTable } from '../../../storage/schema';
import { maskSecret, type SecretBox } from '../../../storage/secretBox';

export interface CloudNumber {
	id: string;
	phoneNumberId: string;
	wabaId: string;
	metaAppId: string;
	displayPhoneNumber: string | null;
	verifiedName: string | null;
	accessToken: string;
	throughputPerSecond: number;
	isDefault: boolean;
	lastTest: { at: string; ok: boolean; error: string | null } | null;
	createdAt: string;
	updatedAt: string;
}

/** What the Cloud channel needs to call Graph for one number. */
export interface CloudNumberCredentials {
	id: string;
	tenantId: string;
	phoneNumberId: string;
	wabaId: string;
	displayPhoneNumber: string | null;
	accessToken: string;
	throughputPerSecond: number;
	metaAppRowId: string;
}

export interface CloudNumberInput {
	phoneNumberId: string;
	wabaId: string;
	/** Our meta_apps row id. */
	metaAppRowId: string;
	metaAppId: string;
	displayPhoneNumber?: string | null;
	verifiedName?: string | null;
	accessToken: string;
	throughputPerSecond: number;
	isDefault: boolean;
}

const tokenContext = (rowId: string) => `cloud_numbers.access_token:${rowId}`;

/** Numbers joined with their app so responses can name the Meta app id rather than our row id. */
type NumberRow = CloudNumbersTable & { app_id: string };

export class CloudNumbersRepository {
	constructor(
		private readonly db: Executor,
		private readonly secrets: SecretBox,
	) {}

	private rowsOf(scope: TenantScope) {
		return this.db
			.selectFrom('cloud_numbers')
			.innerJoin('meta_apps', 'meta_apps.id', 'cloud_numbers.meta_app_id')
			.selectAll('cloud_numbers')
			.select('meta_apps.app_id')
			.where('cloud_numbers.tenant_id', '=', scope.tenantId);
	}

	private toMasked(row: NumberRow): CloudNumber {
		return {
			id: row.id,
			phoneNumberId: row.phone_number_id,
			wabaId: row.waba_id,
			metaAppId: row.app_id,
			displayPhoneNumber: row.display_phone_number,
			verifiedName: row.verified_name,
			accessToken: maskSecret(this.secrets.open(row.access_token_enc, tokenContext(row.id))),
			throughputPerSecond: row.throughput_per_second,
			isDefault: row.is_default === 1,
			lastTest: row.last_test_at ? { at: row.last_test_at, ok: row.last_test_ok === 1, error: row.last_test_error } : null,
			createdAt: row.created_at,
			updatedAt: row.updated_at,
		};
	}

	private toCredentials(row: CloudNumbersTable): CloudNumberCredentials {
		return {
			id: row.id,
			tenantId: row.tenant_id,
			phoneNumberId: row.phone_number_id,
			wabaId: row.waba_id,
			displayPhoneNumber: row.display_phone_number,
			accessToken: this.secrets.open(row.access_token_enc, tokenContext(row.id)),
			throughputPerSecond: row.throughput_per_second,
			metaAppRowId: row.meta_app_id,
		};
	}

	async create(scope: TenantScope, input: CloudNumberInput): Promise<CloudNumber> {
		const now = nowIso();
		const id = newId('num');
		if (input.isDefault) await this.clearDefault(scope);
		await this.db
			.insertInto('cloud_numbers')
			.values({
				id,
				tenant_id: scope.tenantId,
				meta_app_id: input.metaAppRowId,
				phone_number_id: input.phoneNumberId,
				waba_id: input.wabaId,
				display_phone_number: input.displayPhoneNumber ?? null,
				verified_name: input.verifiedName ?? null,
				access_token_enc: this.secrets.seal(input.accessToken, tokenContext(id)),
				throughput_per_second: input.throughputPerSecond,
				is_default: input.isDefault ? 1 : 0,
				last_test_at: null,
				last_test_ok: null,
				last_test_error: null,
				created_at: now,
				updated_at: now,
			})
			.execute();
		return (await this.get(scope, input.phoneNumberId)) as CloudNumber;
	}

	async list(scope: TenantScope): Promise<CloudNumber[]> {
		return (await this.rowsOf(scope).orderBy('cloud_numbers.id').execute()).map((row) => this.toMasked(row));
	}

	async get(scope: TenantScope, phoneNumberId: string): Promise<CloudNumber | undefined> {
		const row = await this.rowsOf(scope).where('cloud_numbers.phone_number_id', '=', phoneNumberId).executeTakeFirst();
		return row && this.toMasked(row);
	}

	/** Which numbers a tenant has, without opening any token: enough to pick the sender of a message. */
	async accounts(scope: TenantScope): Promise<Array<{ phoneNumberId: string; wabaId: string; displayPhoneNumber: string | null; isDefault: boolean; lastTest: CloudNumber['lastTest'] }>> {
		const rows = await this.db
			.selectFrom('cloud_numbers')
			.select(['phone_number_id', 'waba_id', 'display_phone_number', 'is_default', 'last_test_at', 'last_test_ok', 'last_test_error'])
			.where('tenant_id', '=', scope.tenantId)
			.orderBy('id')
			.execute();
		return rows.map((row) => ({
			phoneNumberId: row.phone_number_id,
			wabaId: row.waba_id,
			displayPhoneNumber: row.display_phone_number,
			isDefault: row.is_default === 1,
			lastTest: row.last_test_at ? { at: row.last_test_at, ok: row.last_test_ok === 1, error: row.last_test_error } : null,
		}));
	}

	/** Who registered a phone_number_id, to refuse registering another tenant's number (answered as a plain conflict). */
	async ownerOf(phoneNumberId: string): Promise<string | undefined> {
		const row = await this.db.selectFrom('cloud_numbers').select('tenant_id').where('phone_number_id', '=', phoneNumberId).executeTakeFirst();
		return row?.tenant_id;
	}

	async credentials(scope: TenantScope, phoneNumberId: string): Promise<CloudNumberCredentials | undefined> {
		const row = await this.db.selectFrom('cloud_numbers').selectAll().where('tenant_id', '=', scope.tenantId).where('phone_number_id', '=', phoneNumberId).executeTakeFirst();
		return row && this.toCredentials(row);
	}

	async allCredentials(scope: TenantScope): Promise<CloudNumberCredentials[]> {
		const rows = await this.db.selectFrom('cloud_numbers').selectAll().where('tenant_id', '=', scope.tenantId).orderBy('id').execute();
		return rows.map((row) => this.toCredentials(row));
	}

	async update(
		scope: TenantScope,
		phoneNumberId: string,
		patch: Partial<Pick<CloudNumberInput, 'wabaId' | 'displayPhoneNumber' | 'verifiedName' | 'accessToken' | 'throughputPerSecond' | 'isDefault' | 'metaAppRowId'>>,
	): Promise<CloudNumber | undefined> {
		const row = await this.db.selectFrom('cloud_numbers').select('id').where('tenant_id', '=', scope.tenantId).where('phone_number_id', '=', phoneNumberId).executeTakeFirst();
		if (!row) return undefined;
		if (patch.isDefault) await this.clearDefault(scope);
		await this.db
			.updateTable('cloud_numbers')
			.set({
				...(patch.wabaId ? { waba_id: patch.wabaId } : {}),
				...(patch.metaAppRowId ? { meta_app_id: patch.metaAppRowId } : {}),
				...(patch.displayPhoneNumber !== undefined ? { display_phone_number: patch.displayPhoneNumber } : {}),
				...(patch.verifiedName !== undefined ? { verified_name: patch.verifiedName } : {}),
				...(patch.accessToken ? { access_token_enc: this.secrets.seal(patch.accessToken, tokenContext(row.id)) } : {}),
				...(patch.throughputPerSecond !== undefined ? { throughput_per_second: patch.throughputPerSecond } : {}),
				...(patch.isDefault !== undefined ? { is_default: patch.isDefault ? 1 : 0 } : {}),
				updated_at: nowIso(),
			})
			.where('tenant_id', '=', scope.tenantId)
			.where('id', '=', row.id)
			.execute();
		return this.get(scope, phoneNumberId);
	}

	async recordTest(scope: TenantScope, phoneNumberId: string, outcome: { ok: boolean; error?: string; verifiedName?: string; displayPhoneNumber?: string }): Promise<void> {
		await this.db
			.updateTable('cloud_numbers')
			.set({
				last_test_at: nowIso(),
				last_test_ok: outcome.ok ? 1 : 0,
				last_test_error: outcome.error?.slice(0, 1000) ?? null,
				...(outcome.verifiedName ? { verified_name: outcome.verifiedName } : {}),
				...(outcome.displayPhoneNumber ? { display_phone_number: outcome.displayPhoneNumber } : {}),
			})
			.where('tenant_id', '=', scope.tenantId)
			.where('phone_number_id', '=', phoneNumberId)
			.execute();
	}

	async delete(scope: TenantScope, phoneNumberId: string): Promise<boolean> {
		const result = await this.db.deleteFrom('cloud_numbers').where('tenant_id', '=', scope.tenantId).where('phone_number_id', '=', phoneNumberId).executeTakeFirst();
		return Number(result.numDeletedRows) > 0;
	}

	private async clearDefault(scope: TenantScope): Promise<void> {
		await this.db.updateTable('cloud_numbers').set({ is_default: 0 }).where('tenant_id', '=', scope.tenantId).execute();
	}

	/** Webhook routing only: which tenant owns a phone_number_id under a given Meta app. */
	async ownerForWebhook(appId: string, phoneNumberId: string): Promise<{ tenantId: string; displayPhoneNumber: string | null } | undefined> {
		const row = await this.db
			.selectFrom('cloud_numbers')
			.innerJoin('meta_apps', 'meta_apps.id', 'cloud_numbers.meta_app_id')
			.select(['cloud_numbers.tenant_id', 'cloud_numbers.display_phone_number'])
			.where('meta_apps.app_id', '=', appId)
			.where('cloud_numbers.phone_number_id', '=', phoneNumberId)
			.executeTakeFirst();
		return row && { tenantId: row.tenant_id, displayPhoneNumber: row.display_phone_number };
	}

	/** Whether a phone_number_id is registered anywhere, to refuse a second registration. */
	async phoneNumberTaken(phoneNumberId: string): Promise<boolean> {
		return Boolean(await this.db.selectFrom('cloud_numbers').select('id').where('phone_number_id', '=', phoneNumberId).executeTakeFirst());
	}
}
