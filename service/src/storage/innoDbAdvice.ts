import { sql, type Kysely } from 'kysely';

/**
 * The two InnoDB sizes that decide whether commits stall under a steady stream of webhooks. A durable webhook writes
 * about 3 KB of redo log; once the unflushed part of the log nears its size, InnoDB flushes pages before it lets more
 * commits through. With MariaDB 10.11's defaults (96 MB of redo log, 128 MB of buffer pool), paced at 5,000
 * webhooks/s, that happened every second or two: bursts of answers over 25 ms and a p99 of 13-70 ms. With 512 MB of
 * each, four runs in a row had a p99 of 11.5-13.7 ms and none over 23 ms.
 */
export interface InnoDbSizes {
	/** Total redo log: innodb_redo_log_capacity (MySQL 8.0.30+), else innodb_log_file_size x files in group. */
	redoLogBytes: number;
	bufferPoolBytes: number;
}

export const RECOMMENDED_INNODB_BYTES = 512 * 1024 * 1024;

const MB = 1024 * 1024;

/** Whole megabytes, as operators set these sizes. */
export const megabytes = (bytes: number): number => Math.round(bytes / MB);

/** The sizes the connected server runs with; undefined when it does not say (not InnoDB, or no privilege to read). */
export async function readInnoDbSizes(db: Kysely<unknown>): Promise<InnoDbSizes | undefined> {
	const { rows } = await sql<{ Variable_name: string; Value: string }>`show global variables where Variable_name in ('innodb_redo_log_capacity', 'innodb_log_file_size', 'innodb_log_files_in_group', 'innodb_buffer_pool_size')`.execute(db);
	const value = (name: string) => {
		const row = rows.find((entry) => entry.Variable_name === name);
		return row ? Number(row.Value) : undefined;
	};
	const capacity = value('innodb_redo_log_capacity');
	const fileSize = value('innodb_log_file_size');
	const redoLogBytes = capacity ?? (fileSize === undefined ? undefined : fileSize * (value('innodb_log_files_in_group') ?? 1));
	const bufferPoolBytes = value('innodb_buffer_pool_size');
	if (redoLogBytes === undefined || bufferPoolBytes === undefined) return undefined;
	return { redoLogBytes, bufferPoolBytes };
}

/** What to tell an operator about these sizes: nothing when both meet the recommendation. */
export function innoDbAdvice(sizes: InnoDbSizes): string | undefined {
	const small = [
		...(sizes.redoLogBytes < RECOMMENDED_INNODB_BYTES ? [`redo log ${megabytes(sizes.redoLogBytes)} MB (innodb_log_file_size; innodb_redo_log_capacity on MySQL 8)`] : []),
		...(sizes.bufferPoolBytes < RECOMMENDED_INNODB_BYTES ? [`buffer pool ${megabytes(sizes.bufferPoolBytes)} MB (innodb_buffer_pool_size)`] : []),
	];
	if (small.length === 0) return undefined;
	return (
		`InnoDB sizes below the recommended ${megabytes(RECOMMENDED_INNODB_BYTES)} MB: ${small.join(', ')}. Under a steady stream of webhooks InnoDB will hold ` +
		'commits while it flushes, and webhook answers will stall in bursts of tens of milliseconds. Raise them in the server configuration (README, "Running on MySQL or MariaDB").'
	);
}
