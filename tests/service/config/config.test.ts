import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../service/src/config/config';
import { ConfigError } from '../../../service/src/config/parseEnv';
import { variablesMarkdown } from '../../../service/src/config/variables';

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'wa-config-'));
const KEY = Buffer.alloc(32, 7).toString('base64');
const JWT = `main:${'x'.repeat(40)}`;

describe('configuration from the environment', () => {
	test('defaults give a development service on SQLite with the sandbox on', () => {
		const dataDir = tempDir();
		const config = loadConfig({ DATA_DIR: dataDir });
		expect(config.env).toBe('development');
		expect(config.port).toBe(8080);
		expect(config.database).toEqual({ dialect: 'sqlite', path: path.join(dataDir, 'service.db') });
		expect(config.sandbox).toBe(true);
	});

	test('every bad value is reported at once, each naming the variable and what was expected', () => {
		let error: unknown;
		try {
			loadConfig({ DATA_DIR: tempDir(), PORT: 'eighty', LOG_LEVEL: 'loud', SANDBOX_MODE: 'maybe', PUBLIC_URL: 'not a url' });
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(ConfigError);
		const problems = (error as ConfigError).problems.join('\n');
		expect(problems).toMatch(/PORT: expected an integer \(got "eighty"\)/);
		expect(problems).toMatch(/LOG_LEVEL: expected one of fatal, error/);
		expect(problems).toMatch(/SANDBOX_MODE: expected true or false/);
		expect(problems).toMatch(/PUBLIC_URL: expected an absolute URL/);
	});

	test('secret values are never echoed in configuration errors', () => {
		expect(() => loadConfig({ DATA_DIR: tempDir(), MYSQL_URL: 'ftp://root:hunter2@db' })).toThrow(ConfigError);
		try {
			loadConfig({ DATA_DIR: tempDir(), MYSQL_URL: 'ftp://root:hunter2@db' });
		} catch (error) {
			expect((error as Error).message).not.toContain('hunter2');
		}
	});

	test('WORKER_ID names the replica in delivery and session leases; WEB_WORKER_ID overrides it for sessions', () => {
		expect(loadConfig({ DATA_DIR: tempDir() })).toMatchObject({ events: { workerId: undefined }, web: { workerId: undefined } });
		expect(loadConfig({ DATA_DIR: tempDir(), WORKER_ID: 'replica-a' })).toMatchObject({ events: { workerId: 'replica-a' }, web: { workerId: 'replica-a' } });
		expect(loadConfig({ DATA_DIR: tempDir(), WORKER_ID: 'replica-a', WEB_WORKER_ID: 'web-a' })).toMatchObject({ events: { workerId: 'replica-a' }, web: { workerId: 'web-a' } });
	});

	test('MYSQL_URL switches storage to MySQL', () => {
		const config = loadConfig({ DATA_DIR: tempDir(), MYSQL_URL: 'mysql://root@127.0.0.1:3306/wa', MYSQL_POOL_SIZE: '7' });
		expect(config.database).toEqual({ dialect: 'mysql', url: 'mysql://root@127.0.0.1:3306/wa', poolSize: 7, pipelining: true });
		expect(loadConfig({ DATA_DIR: tempDir(), MYSQL_URL: 'mysql://root@127.0.0.1:3306/wa', MYSQL_PIPELINING: 'false' }).database).toMatchObject({ dialect: 'mysql', pipelining: false });
	});

	test('production refuses to start without an encryption key and JWT keys', () => {
		expect(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: tempDir() })).toThrow(/ENCRYPTION_KEY or ENCRYPTION_KEY_FILE is required in production[\s\S]*JWT_KEYS is required in production/);
		expect(loadConfig({ NODE_ENV: 'production', DATA_DIR: tempDir(), ENCRYPTION_KEY: KEY, JWT_KEYS: JWT }).sandbox).toBe(false);
	});

	test('development generates a key file once, warns, and reuses it', () => {
		const dataDir = tempDir();
		const first = loadConfig({ DATA_DIR: dataDir });
		const keyFile = path.join(dataDir, 'encryption.key');
		expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
		expect(first.warnings.join('\n')).toMatch(/Generated a development encryption key/);
		const second = loadConfig({ DATA_DIR: dataDir });
		expect(second.encryptionKey.equals(first.encryptionKey)).toBe(true);
		expect(second.jwt.keys).toEqual(first.jwt.keys);
	});

	test('a key file of the wrong length is refused with its path', () => {
		const file = path.join(tempDir(), 'short.key');
		fs.writeFileSync(file, Buffer.alloc(16).toString('base64'));
		expect(() => loadConfig({ DATA_DIR: tempDir(), ENCRYPTION_KEY_FILE: file })).toThrow(/short\.key\): expected base64 of exactly 32 bytes, got 16/);
	});

	test('JWT keys rotate: the first signs and every listed key verifies; weak or duplicate keys are refused', () => {
		const config = loadConfig({ DATA_DIR: tempDir(), ENCRYPTION_KEY: KEY, JWT_KEYS: `new:${'n'.repeat(32)},old:${'o'.repeat(32)}` });
		expect(config.jwt.keys.map((k) => k.kid)).toEqual(['new', 'old']);
		expect(() => loadConfig({ DATA_DIR: tempDir(), ENCRYPTION_KEY: KEY, JWT_KEYS: 'a:short' })).toThrow(/secret must be at least 32 characters/);
		expect(() => loadConfig({ DATA_DIR: tempDir(), ENCRYPTION_KEY: KEY, JWT_KEYS: `a:${'x'.repeat(32)},a:${'y'.repeat(32)}` })).toThrow(/duplicate kid a/);
	});

	test('the README table is generated from the same list the parser reads', () => {
		const table = variablesMarkdown();
		for (const name of ['MYSQL_URL', 'ENCRYPTION_KEY', 'JWT_KEYS', 'SANDBOX_MODE', 'PORT']) expect(table).toContain(`\`${name}\``);
	});
});
