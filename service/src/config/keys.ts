import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Environment } from './config';

export interface JwtKey {
	readonly kid: string;
	readonly secret: string;
}

const ENCRYPTION_KEY_BYTES = 32;
const MIN_JWT_SECRET_LENGTH = 32;

/** AES-256 key from ENCRYPTION_KEY or ENCRYPTION_KEY_FILE; generated into DATA_DIR only outside production. */
export function resolveEncryptionKey(input: {
	environment: Environment;
	dataDir: string;
	inline?: string;
	file?: string;
}): { key?: Buffer; problems: string[]; warnings: string[] } {
	if (input.inline) return decodeKey(input.inline, 'ENCRYPTION_KEY');
	if (input.file) {
		if (!fs.existsSync(input.file)) return { problems: [`ENCRYPTION_KEY_FILE: file ${input.file} does not exist`], warnings: [] };
		return decodeKey(fs.readFileSync(input.file, 'utf8').trim(), `ENCRYPTION_KEY_FILE (${input.file})`);
	}
	if (input.environment === 'production') {
		return {
			problems: ['ENCRYPTION_KEY or ENCRYPTION_KEY_FILE is required in production (base64 of 32 random bytes: `openssl rand -base64 32`)'],
			warnings: [],
		};
	}
	const generatedPath = path.join(input.dataDir, 'encryption.key');
	const existed = fs.existsSync(generatedPath);
	if (!existed) writeSecretFile(generatedPath, randomBytes(ENCRYPTION_KEY_BYTES).toString('base64'));
	const decoded = decodeKey(fs.readFileSync(generatedPath, 'utf8').trim(), generatedPath);
	decoded.warnings.push(
		existed
			? `Using the development encryption key at ${generatedPath}; set ENCRYPTION_KEY or ENCRYPTION_KEY_FILE for real deployments`
			: `Generated a development encryption key at ${generatedPath}; losing it makes stored secrets unreadable`,
	);
	return decoded;
}

function decodeKey(encoded: string, source: string): { key?: Buffer; problems: string[]; warnings: string[] } {
	const key = Buffer.from(encoded, 'base64');
	if (key.length !== ENCRYPTION_KEY_BYTES) {
		return { problems: [`${source}: expected base64 of exactly ${ENCRYPTION_KEY_BYTES} bytes, got ${key.length}`], warnings: [] };
	}
	return { key, problems: [], warnings: [] };
}

/** kid:secret pairs; the first signs. Development generates one key into DATA_DIR. */
export function resolveJwtKeys(input: {
	environment: Environment;
	dataDir: string;
	inline?: string;
}): { keys: JwtKey[]; problems: string[]; warnings: string[] } {
	if (input.inline) return parseJwtKeys(input.inline);
	if (input.environment === 'production') {
		return { keys: [], problems: ['JWT_KEYS is required in production (kid:secret[,kid:secret…], secrets of 32+ characters)'], warnings: [] };
	}
	const generatedPath = path.join(input.dataDir, 'jwt.keys');
	if (!fs.existsSync(generatedPath)) writeSecretFile(generatedPath, `dev1:${randomBytes(48).toString('base64url')}`);
	const parsed = parseJwtKeys(fs.readFileSync(generatedPath, 'utf8').trim());
	parsed.warnings.push(`Using development JWT keys from ${generatedPath}; set JWT_KEYS for real deployments`);
	return parsed;
}

function parseJwtKeys(value: string): { keys: JwtKey[]; problems: string[]; warnings: string[] } {
	const keys: JwtKey[] = [];
	const problems: string[] = [];
	for (const [index, pair] of value.split(',').entries()) {
		const separator = pair.indexOf(':');
		const kid = pair.slice(0, separator).trim();
		const secret = pair.slice(separator + 1).trim();
		if (separator <= 0 || !/^[A-Za-z0-9._-]{1,64}$/.test(kid)) problems.push(`JWT_KEYS entry ${index + 1}: expected kid:secret with a kid of letters, digits, . _ -`);
		else if (secret.length < MIN_JWT_SECRET_LENGTH) problems.push(`JWT_KEYS entry ${index + 1} (${kid}): secret must be at least ${MIN_JWT_SECRET_LENGTH} characters`);
		else if (keys.some((k) => k.kid === kid)) problems.push(`JWT_KEYS entry ${index + 1}: duplicate kid ${kid}`);
		else keys.push({ kid, secret });
	}
	return { keys, problems, warnings: [] };
}

function writeSecretFile(file: string, content: string): void {
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, content + '\n', { mode: 0o600, flag: 'wx' });
}
