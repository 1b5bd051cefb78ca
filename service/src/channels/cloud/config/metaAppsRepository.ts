import type { TenantScope } from '../../../auth/tenantScope';
import { newId } from '../../../shared/ids';
import { nowIso } from '../../../shared/time';
import type { Executor } from '../../../storage/database';
import type { MetaAppsTable } from '../../../storage/schema';
import { maskSecret, type SecretBox } from '../../../storage/secretBox';

/** A Meta app as responses show it: secrets masked. */
export interface MetaApp {
	id: string;
	appId: string;
	name: string | null;
	appSecret: string;
	verifyToken: string;
	graphApiVersion: string | null;
	graphBaseUrl: string | null;
	createdAt: string;
	updatedAt: string;
}

/** A Meta app with its secrets opened, for the code that signs, verifies or calls Graph. */
export interface MetaAppSecrets {
	id: string;
	tenantId: string;
	appId: string;
	appSecret: string;
	verifyToken: string;
	graphApiVersion: string | null;
	graphBaseUrl: string | null;
}

export interface MetaAppInput {
	appId: string;
	name?: string | null;
	appSecret: string;
	verifyToken: string;
	graphApiVersion?: string | null;
	graphBaseUrl?: string | null;
}

const secretContext = (rowId: string) => `meta_apps.app_secret:${rowId}`;
const verifyContext = (rowId: string) => `meta_apps.verify_token:${rowId}`;

export class MetaAppsRepository {
	constructor(
		private readonly db: Executor,
		private readonly secrets: SecretBox,
	) {}

	private toMasked(row: MetaAppsTable): MetaApp {
		return {
			id: row.id,
			appId: row.app_id,
			name: row.name,
			appSecret: maskSecret(this.secrets.open(row.app_secret_enc, secretContext(row.id))),
			verifyToken: maskSecret(this.secrets.open(row.verify_token_enc, verifyContext(row.id))),
			graphApiVersion: row.graph_api_version,
			graphBaseUrl: row.graph_base_url,
			createdAt: row.created_at,
			updatedAt: row.updated_at,
		};
	}

	private toSecrets(row: MetaAppsTable): MetaAppSecrets {
		return {
			id: row.id,
			tenantId: row.tenant_id,
			appId: row.app_id,
			appSecret: this.secrets.open(row.app_secret_enc, secretContext(row.id)),
			verifyToken: this.secrets.open(row.verify_token_enc, verifyContext(row.id)),
			graphApiVersion: row.graph_api_version,
			graphBaseUrl: row.graph_base_url,
		};
	}

	async create(scope: TenantScope, input: MetaAppInput): Promise<MetaApp> {
		const now = nowIso();
		const id = newId('app');
		const row: MetaAppsTable = {
			id,
			tenant_id: scope.tenantId,
			app_id: input.appId,
			name: input.name ?? null,
			app_secret_enc: this.secrets.seal(input.appSecret, secretContext(id)),
			verify_token_enc: this.secrets.seal(input.verifyToken, verifyContext(id)),
			graph_api_version: input.graphApiVersion ?? null,
			graph_base_url: input.graphBaseUrl ?? null,
			created_at: now,
			updated_at: now,
		};
		await this.db.insertInto('meta_apps').values(row).execute();
		return this.toMasked(row);
	}

	private rowsOf(scope: TenantScope) {
		return this.db.selectFrom('meta_apps').selectAll().where('tenant_id', '=', scope.tenantId);
	}

	async list(scope: TenantScope): Promise<MetaApp[]> {
		return (await this.rowsOf(scope).orderBy('id').execute()).map((row) => this.toMasked(row));
	}

	async get(scope: TenantScope, appId: string): Promise<MetaApp | undefined> {
		const row = await this.rowsOf(scope).where('app_id', '=', appId).executeTakeFirst();
		return row && this.toMasked(row);
	}

	async getSecrets(scope: TenantScope, appId: string): Promise<MetaAppSecrets | undefined> {
		const row = await this.rowsOf(scope).where('app_id', '=', appId).executeTakeFirst();
		return row && this.toSecrets(row);
	}

	async getSecretsById(scope: TenantScope, id: string): Promise<MetaAppSecrets | undefined> {
		const row = await this.rowsOf(scope).where('id', '=', id).executeTakeFirst();
		return row && this.toSecrets(row);
	}

	/** Where this app's Graph calls go (null: the service defaults); read on every send, so no secret is opened. */
	async graphSettings(scope: TenantScope, id: string): Promise<{ graphBaseUrl: string | null; graphApiVersion: string | null } | undefined> {
		const row = await this.db.selectFrom('meta_apps').select(['graph_base_url', 'graph_api_version']).where('tenant_id', '=', scope.tenantId).where('id', '=', id).executeTakeFirst();
		return row && { graphBaseUrl: row.graph_base_url, graphApiVersion: row.graph_api_version };
	}

	async update(scope: TenantScope, appId: string, patch: Partial<Omit<MetaAppInput, 'appId'>>): Promise<MetaApp | undefined> {
		const row = await this.rowsOf(scope).where('app_id', '=', appId).executeTakeFirst();
		if (!row) return undefined;
		await this.db
			.updateTable('meta_apps')
			.set({
				...(patch.name !== undefined ? { name: patch.name } : {}),
				...(patch.appSecret ? { app_secret_enc: this.secrets.seal(patch.appSecret, secretContext(row.id)) } : {}),
				...(patch.verifyToken ? { verify_token_enc: this.secrets.seal(patch.verifyToken, verifyContext(row.id)) } : {}),
				...(patch.graphApiVersion !== undefined ? { graph_api_version: patch.graphApiVersion } : {}),
				...(patch.graphBaseUrl !== undefined ? { graph_base_url: patch.graphBaseUrl } : {}),
				updated_at: nowIso(),
			})
			.where('tenant_id', '=', scope.tenantId)
			.where('id', '=', row.id)
			.execute();
		return this.get(scope, appId);
	}

	async delete(scope: TenantScope, appId: string): Promise<boolean> {
		const result = await this.db.deleteFrom('meta_apps').where('tenant_id', '=', scope.tenantId).where('app_id', '=', appId).executeTakeFirst();
		return Number(result.numDeletedRows) > 0;
	}

	/**
	 * Webhook intake only: every tenant's registration of a Meta app id, secrets opened, so the signature can be
	 * checked before any tenant is known. Several tenants may share one Meta app.
	 */
	async registrationsForWebhook(appId: string): Promise<MetaAppSecrets[]> {
		const rows = await this.db.selectFrom('meta_apps').selectAll().where('app_id', '=', appId).execute();
		return rows.map((row) => this.toSecrets(row));
	}
}
