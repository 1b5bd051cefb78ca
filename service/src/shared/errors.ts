/**
 * The one error type that crosses layers. The HTTP error handler turns it into
 * `{error:{code,message,details}}` with its status; anything else becomes a 500 without internals.
 */
export type ErrorCode =
	| 'validation_failed'
	| 'unauthorized'
	| 'token_expired'
	| 'forbidden'
	| 'not_found'
	| 'conflict'
	| 'payload_too_large'
	| 'not_supported_on_channel'
	| 'channel_not_ready'
	| 'rate_limited'
	| 'upstream_error'
	| 'upstream_unavailable'
	| 'internal';

export interface FieldProblem {
	field: string;
	message: string;
}

export class AppError extends Error {
	constructor(
		readonly status: number,
		readonly code: ErrorCode,
		message: string,
		readonly details: Record<string, unknown> = {},
		readonly headers: Record<string, string> = {},
	) {
		super(message);
		this.name = 'AppError';
	}
}

export const badRequest = (message: string, fields: FieldProblem[] = []) => new AppError(400, 'validation_failed', message, { fields });

export const invalidField = (field: string, message: string) => badRequest(`${field} ${message}`, [{ field, message }]);

export const unauthorized = (message = 'Authentication required: send a Bearer token or an API key') => new AppError(401, 'unauthorized', message);

export const forbidden = (message: string, details: Record<string, unknown> = {}) => new AppError(403, 'forbidden', message, details);

/** Another tenant's resources answer exactly like missing ones, so ids leak nothing. */
export const notFound = (what: string, id?: string) => new AppError(404, 'not_found', id ? `${what} ${id} not found` : `${what} not found`, id ? { id } : {});

export const conflict = (message: string, details: Record<string, unknown> = {}) => new AppError(409, 'conflict', message, details);

export const notSupportedOnChannel = (channel: string, feature: string) =>
	new AppError(422, 'not_supported_on_channel', `${feature} is not supported on the ${channel} channel`, { channel, feature });

export const rateLimited = (message: string, retryAfterSeconds: number, details: Record<string, unknown> = {}) =>
	new AppError(429, 'rate_limited', message, { ...details, retryAfterSeconds }, { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))) });

/**
 * The request is for something another replica of this service runs (a WhatsApp Web session). The HTTP layer
 * forwards it to `replicaUrl` when known; otherwise, or when it was already forwarded once, it answers this 409.
 */
export class RunsOnAnotherReplica extends AppError {
	constructor(
		message: string,
		details: Record<string, unknown>,
		readonly replicaUrl: string | null,
	) {
		super(409, 'channel_not_ready', message, details);
	}
}
