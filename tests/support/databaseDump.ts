import { sql } from 'kysely';
import type { TestService } from './testService';

/** Every row of every table as text: what an attacker with a copy of the database would see. */
export async function dumpDatabase(service: TestService): Promise<string> {
	const db = service.ctx.storage.db;
	const tables =
		service.dialect === 'sqlite'
			? (await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db)).rows.map((r) => r.name)
			: (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = database()`.execute(db)).rows.map((r) => r.name);
	const parts: string[] = [];
	for (const table of tables) {
		const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db)).rows;
		parts.push(`== ${table}\n${rows.map((row) => JSON.stringify(row, (_k, v) => (Buffer.isBuffer(v) ? v.toString('latin1') : v))).join('\n')}`);
	}
	return parts.join('\n');
}
