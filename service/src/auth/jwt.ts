import jwt, { type JwtPayload } from 'jsonwebtoken';
import type { JwtKey } from '../config/keys';
import { AppError, unauthorized } from '../shared/errors';
import type { UserRole } from '../storage/schema';

export interface JwtSettings {
	readonly keys: readonly JwtKey[];
	readonly issuer: string;
	readonly audience: string;
	readonly ttlSeconds: number;
}

export interface AccessClaims {
	readonly userId: string;
	readonly tenantId: string | null;
	readonly role: UserRole;
}

/** One algorithm, pinned on both sides: a token claiming another (or `none`) never verifies. */
const ALGORITHM = 'HS256';

export function signAccessToken(settings: JwtSettings, claims: AccessClaims): { token: string; expiresIn: number } {
	const [signingKey] = settings.keys;
	if (!signingKey) throw new Error('No JWT signing key configured');
	const token = jwt.sign({ tid: claims.tenantId, role: claims.role, typ: 'access' }, signingKey.secret, {
		algorithm: ALGORITHM,
		keyid: signingKey.kid,
		subject: claims.userId,
		issuer: settings.issuer,
		audience: settings.audience,
		expiresIn: settings.ttlSeconds,
	});
	return { token, expiresIn: settings.ttlSeconds };
}

/** Verifies signature (with the key named by `kid`), expiry, issuer and audience. */
export function verifyAccessToken(settings: JwtSettings, token: string): AccessClaims {
	const decoded = jwt.decode(token, { complete: true });
	if (!decoded || typeof decoded.payload === 'string') throw unauthorized('Malformed bearer token');
	const key = settings.keys.find((k) => k.kid === decoded.header.kid);
	if (!key) throw unauthorized('Bearer token signed with an unknown key');
	let payload: JwtPayload;
	try {
		payload = jwt.verify(token, key.secret, {
			algorithms: [ALGORITHM],
			issuer: settings.issuer,
			audience: settings.audience,
		}) as JwtPayload;
	} catch (error) {
		if (error instanceof jwt.TokenExpiredError) throw new AppError(401, 'token_expired', 'Bearer token expired; log in again');
		throw unauthorized(`Invalid bearer token: ${(error as Error).message}`);
	}
	const role = payload.role as UserRole;
	if (payload.typ !== 'access' || typeof payload.sub !== 'string' || !['platform_admin', 'tenant_admin', 'member'].includes(role)) {
		throw unauthorized('Bearer token is not an access token');
	}
	return { userId: payload.sub, tenantId: typeof payload.tid === 'string' ? payload.tid : null, role };
}
