import { sql } from 'kysely';
import { innoDbAdvice, readInnoDbSizes, RECOMMENDED_INNODB_BYTES } from '../../../service/src/storage/innoDbAdvice';
import { migratedStorage } from '../../support/databases';
import { startTestService } from '../../support/testService';

const MB = 1024 * 1024;

describe('InnoDB sizing advice', () => {
	test("names each size below the recommendation, with the server's value and its setting", () => {
		const advice = innoDbAdvice({ redoLogBytes: 96 * MB, bufferPoolBytes: 128 * MB });
		expect(advice).toContain('redo log 96 MB (innodb_log_file_size; innodb_redo_log_capacity on MySQL 8)');
		expect(advice).toContain('buffer pool 128 MB (innodb_buffer_pool_size)');
		expect(advice).toContain('below the recommended 512 MB');

		const poolOnly = innoDbAdvice({ redoLogBytes: 2048 * MB, bufferPoolBytes: 256 * MB });
		expect(poolOnly).toContain('buffer pool 256 MB');
		expect(poolOnly).not.toContain('redo log');
	});

	test('says nothing when both sizes meet it', () => {
		expect(innoDbAdvice({ redoLogBytes: RECOMMENDED_INNODB_BYTES, bufferPoolBytes: 4096 * MB })).toBeUndefined();
	});
});

const describeMysql = process.env.MYSQL_URL ? describe : describe.skip;

describeMysql('InnoDB sizes of the MariaDB/MySQL server', () => {
	const db = migratedStorage('mysql');

	test('are read from the server as it runs', async () => {
		const sizes = await readInnoDbSizes(db.storage.db as never);
		const { rows } = await sql<{ pool: string }>`select @@innodb_buffer_pool_size as pool`.execute(db.storage.db);
		expect(sizes?.bufferPoolBytes).toBe(Number(rows[0]?.pool));
		expect(sizes?.redoLogBytes).toBeGreaterThanOrEqual(MB);
	});

	test('the service warns at start exactly when the advice has something to say', async () => {
		const service = await startTestService('mysql');
		try {
			const advice = innoDbAdvice((await readInnoDbSizes(service.ctx.storage.db as never)) as never);
			const warnings = service.logs.entries().filter((entry) => entry.level === 40 && String(entry.msg).startsWith('InnoDB sizes below'));
			expect(warnings.map((entry) => entry.msg)).toEqual(advice ? [advice] : []);
		} finally {
			await service.stop();
		}
	});
});
