import { nowIso } from '../shared/time';
import type { Executor } from '../storage/database';

/** Small platform-wide values (e.g. the bootstrap token hash). Not tenant data: no scope. */
export class SystemSettingsRepository {
	constructor(private readonly db: Executor) {}

	async get(key: string): Promise<string | undefined> {
		const row = await this.db.selectFrom('system_settings').select('value').where('key', '=', key).executeTakeFirst();
		return row?.value;
	}

	async set(key: string, value: string): Promise<void> {
		const updated_at = nowIso();
		const result = await this.db.updateTable('system_settings').set({ value, updated_at }).where('key', '=', key).executeTakeFirst();
		if (Number(result.numUpdatedRows) === 0) await this.db.insertInto('system_settings').values({ key, value, updated_at }).execute();
	}

	/** Deletes only if the value is still the one read: the caller that wins the race gets true. */
	async deleteIfUnchanged(key: string, value: string): Promise<boolean> {
		const result = await this.db.deleteFrom('system_settings').where('key', '=', key).where('value', '=', value).executeTakeFirst();
		return Number(result.numDeletedRows) === 1;
	}

	async delete(key: string): Promise<void> {
		await this.db.deleteFrom('system_settings').where('key', '=', key).execute();
	}
}
