import type { TenantScope } from '../../../auth/tenantScope';
import { transactionWithRetry } from '../../../events/sql';
import { nowIso } from '../../../shared/time';
import type { Kysely } from 'kysely';
import type { Database } from '../../../storage/schema';
import type { ArchiveCipher } from './archiveCipher';

/** Session logins at rest: sealed on the way in, opened on the way out, always within one tenant. */
export class ArchivesRepository {
	constructor(
		private readonly db: Kysely<Database>,
		private readonly cipher: ArchiveCipher,
	) {}

	async exists(scope: TenantScope, sessionId: string): Promise<boolean> {
		const row = await this.db.selectFrom('web_session_archives').select('session_id').where('tenant_id', '=', scope.tenantId).where('session_id', '=', sessionId).executeTakeFirst();
		return row !== undefined;
	}

	async load(scope: TenantScope, sessionId: string): Promise<Buffer | null> {
		const row = await this.db.selectFrom('web_session_archives').select('archive').where('tenant_id', '=', scope.tenantId).where('session_id', '=', sessionId).executeTakeFirst();
		return row ? this.cipher.open(Buffer.from(row.archive), sessionId) : null;
	}

	/** False when the session no longer exists (deleted while its browser was still saving). */
	async save(scope: TenantScope, sessionId: string, zip: Buffer): Promise<boolean> {
		const archive = this.cipher.seal(zip, sessionId);
		const values = { archive, size_bytes: zip.length, saved_at: nowIso() };
		// Update-or-insert takes gap locks on MySQL: two saves of a new archive can deadlock, and a lost save is a lost login.
		return transactionWithRetry(this.db, async (tx) => {
			const session = await tx.selectFrom('web_sessions').select('id').where('tenant_id', '=', scope.tenantId).where('id', '=', sessionId).executeTakeFirst();
			if (!session) return false;
			const updated = await tx.updateTable('web_session_archives').set(values).where('tenant_id', '=', scope.tenantId).where('session_id', '=', sessionId).executeTakeFirst();
			if (Number(updated.numUpdatedRows) === 0) await tx.insertInto('web_session_archives').values({ session_id: sessionId, tenant_id: scope.tenantId, ...values }).execute();
			return true;
		});
	}

	async delete(scope: TenantScope, sessionId: string): Promise<void> {
		await this.db.deleteFrom('web_session_archives').where('tenant_id', '=', scope.tenantId).where('session_id', '=', sessionId).execute();
	}
}
