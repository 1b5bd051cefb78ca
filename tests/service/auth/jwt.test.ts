import jwt from 'jsonwebtoken';
import { hashApiKey, generateApiKey, looksLikeApiKey } from '../../../service/src/auth/apiKeys';
import { signAccessToken, verifyAccessToken, type JwtSettings } from '../../../service/src/auth/jwt';
import { hashPassword, passwordProblem, verifyPassword } from '../../../service/src/auth/passwords';
import { AppError } from '../../../service/src/shared/errors';

const settings: JwtSettings = { keys: [{ kid: 'k2', secret: 'b'.repeat(40) }, { kid: 'k1', secret: 'a'.repeat(40) }], issuer: 'iss-test', audience: 'aud-test', ttlSeconds: 60 };
const claims = { userId: 'usr_1', tenantId: 'ten_1', role: 'tenant_admin' as const };

function codeOf(fn: () => unknown): string | undefined {
	try {
		fn();
	} catch (error) {
		return error instanceof AppError ? `${error.status}:${error.code}` : 'other';
	}
	return undefined;
}

describe('access tokens', () => {
	test('a token round-trips and names its signing key', () => {
		const { token } = signAccessToken(settings, claims);
		expect(jwt.decode(token, { complete: true })?.header.kid).toBe('k2');
		expect(verifyAccessToken(settings, token)).toEqual(claims);
	});

	test('tokens signed by a rotated-out (but still listed) key still verify', () => {
		const old = jwt.sign({ tid: 'ten_1', role: 'member', typ: 'access' }, 'a'.repeat(40), { algorithm: 'HS256', keyid: 'k1', subject: 'usr_9', issuer: 'iss-test', audience: 'aud-test', expiresIn: 60 });
		expect(verifyAccessToken(settings, old).userId).toBe('usr_9');
	});

	test.each([
		['expired', jwt.sign({ tid: 't', role: 'member', typ: 'access', exp: Math.floor(Date.now() / 1000) - 10 }, 'b'.repeat(40), { algorithm: 'HS256', keyid: 'k2', subject: 'u', issuer: 'iss-test', audience: 'aud-test' }), '401:token_expired'],
		['forged signature', jwt.sign({ tid: 't', role: 'member', typ: 'access' }, 'c'.repeat(40), { algorithm: 'HS256', keyid: 'k2', subject: 'u', issuer: 'iss-test', audience: 'aud-test' }), '401:unauthorized'],
		['alg none', `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT', kid: 'k2' })).toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'u', role: 'platform_admin', typ: 'access', iss: 'iss-test', aud: 'aud-test' })).toString('base64url')}.`, '401:unauthorized'],
		['HS512 instead of the pinned HS256', jwt.sign({ tid: 't', role: 'member', typ: 'access' }, 'b'.repeat(40), { algorithm: 'HS512', keyid: 'k2', subject: 'u', issuer: 'iss-test', audience: 'aud-test' }), '401:unauthorized'],
		['wrong issuer', jwt.sign({ role: 'member', typ: 'access' }, 'b'.repeat(40), { algorithm: 'HS256', keyid: 'k2', subject: 'u', issuer: 'other', audience: 'aud-test' }), '401:unauthorized'],
		['wrong audience', jwt.sign({ role: 'member', typ: 'access' }, 'b'.repeat(40), { algorithm: 'HS256', keyid: 'k2', subject: 'u', issuer: 'iss-test', audience: 'other' }), '401:unauthorized'],
		['unknown key id', jwt.sign({ role: 'member', typ: 'access' }, 'b'.repeat(40), { algorithm: 'HS256', keyid: 'k9', subject: 'u', issuer: 'iss-test', audience: 'aud-test' }), '401:unauthorized'],
		['not an access token', jwt.sign({ role: 'member', typ: 'refresh' }, 'b'.repeat(40), { algorithm: 'HS256', keyid: 'k2', subject: 'u', issuer: 'iss-test', audience: 'aud-test' }), '401:unauthorized'],
		['garbage', 'not.a.jwt', '401:unauthorized'],
	])('%s is refused', (_name, token, expected) => {
		expect(codeOf(() => verifyAccessToken(settings, token))).toBe(expected);
	});
});

describe('passwords and API keys', () => {
	test('scrypt hashes verify only the right password', async () => {
		const hash = await hashPassword('a long enough password');
		expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
		await expect(verifyPassword('a long enough password', hash)).resolves.toBe(true);
		await expect(verifyPassword('a long enough passworD', hash)).resolves.toBe(false);
	});

	test('short passwords are refused', () => {
		expect(passwordProblem('short')).toMatch(/at least 12/);
		expect(passwordProblem('twelve chars')).toBeUndefined();
	});

	test('API keys are random, recognisable and stored only as a hash', () => {
		const a = generateApiKey();
		const b = generateApiKey();
		expect(a.key).not.toBe(b.key);
		expect(looksLikeApiKey(a.key)).toBe(true);
		expect(a.key.startsWith(`wak_${a.prefix}_`)).toBe(true);
		expect(a.hash).toBe(hashApiKey(a.key));
		expect(a.hash).not.toContain(a.key.slice(13));
	});
});
