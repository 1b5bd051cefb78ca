import { sql, type ColumnDataType, type CreateTableBuilder, type Expression } from 'kysely';
import type { Dialect } from '../database';

/**
 * Column types that mean the same thing on SQLite and MySQL. MySQL's TEXT and BLOB stop at 64 KB,
 * too small for raw webhook payloads (up to 3 MB) and WhatsApp Web session archives.
 */
export interface ColumnTypes {
	id: ColumnDataType;
	shortText: ColumnDataType;
	timestamp: ColumnDataType;
	largeText: ColumnDataType | Expression<unknown>;
	blob: ColumnDataType | Expression<unknown>;
	autoIncrementId: ColumnDataType;
}

export function columnTypes(dialect: Dialect): ColumnTypes {
	return dialect === 'mysql'
		? { id: 'varchar(40)', shortText: 'varchar(255)', timestamp: 'varchar(30)', largeText: sql`mediumtext`, blob: sql`longblob`, autoIncrementId: 'bigint' }
		: { id: 'varchar(40)', shortText: 'varchar(255)', timestamp: 'varchar(30)', largeText: 'text', blob: 'blob', autoIncrementId: 'integer' };
}

/** MySQL tables get InnoDB and utf8mb4 explicitly so emoji and row locking work whatever the server default is. */
export function withTableOptions<T extends string, C extends string>(dialect: Dialect, builder: CreateTableBuilder<T, C>): CreateTableBuilder<T, C> {
	return dialect === 'mysql' ? builder.modifyEnd(sql`engine=InnoDB default charset=utf8mb4 collate=utf8mb4_bin`) : builder;
}
