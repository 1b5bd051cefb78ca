import { createHash, timingSafeEqual } from 'node:crypto';
import type { AppContext } from '../context';
import { randomSecret } from '../shared/ids';
import { addSeconds, nowIso } from '../shared/time';

const SETTING = 'bootstrap_token';

interface StoredToken {
	hash: string;
	expiresAt: string;
}

function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

/**
 * There are no default credentials. When no platform admin exists, a one-time token is minted and printed once;
 * it can create the first admin (POST /v1/auth/bootstrap) and is void afterwards or when it expires.
 */
export async function issueBootstrapTokenIfNeeded(ctx: AppContext): Promise<string | undefined> {
	if (await ctx.repos.users.platformAdminExists()) {
		await ctx.repos.systemSettings.delete(SETTING);
		return undefined;
	}
	const token = `wab_${randomSecret(24)}`;
	const stored: StoredToken = { hash: hashToken(token), expiresAt: addSeconds(nowIso(), ctx.config.bootstrapTokenTtlSeconds) };
	await ctx.repos.systemSettings.set(SETTING, JSON.stringify(stored));
	return token;
}

/** True once for a valid, unexpired token; the token is consumed. */
export async function consumeBootstrapToken(ctx: AppContext, token: string): Promise<boolean> {
	const raw = await ctx.repos.systemSettings.get(SETTING);
	if (!raw) return false;
	const stored = JSON.parse(raw) as StoredToken;
	const presented = Buffer.from(hashToken(token), 'hex');
	const expected = Buffer.from(stored.hash, 'hex');
	if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return false;
	if (stored.expiresAt <= nowIso()) return false;
	return ctx.repos.systemSettings.deleteIfUnchanged(SETTING, raw);
}
