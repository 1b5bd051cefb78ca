import { Type, type TSchema } from 'typebox';

/** Shared pieces of route schemas; they validate requests and become the OpenAPI document. */

export const ErrorBody = Type.Object(
	{
		error: Type.Object({
			code: Type.String(),
			message: Type.String(),
			details: Type.Record(Type.String(), Type.Unknown()),
		}),
	},
	{ description: 'Every error: a stable code, a readable message, and details (e.g. the fields that failed).' },
);

const ERROR_DESCRIPTIONS: Record<number, string> = {
	400: 'Invalid request (details.fields names each bad field)',
	401: 'Missing, invalid, expired or revoked credentials',
	403: 'Authenticated but not allowed (e.g. missing scope)',
	404: 'Not found (also for resources of other tenants)',
	409: 'Conflict with the current state',
	413: 'Body too large',
	422: 'Not supported on this channel',
	429: 'Rate limited; see Retry-After',
	502: 'The upstream provider failed',
	503: 'The upstream provider is unavailable (retryable)',
	504: 'The upstream provider did not answer in time (retryable)',
};

/** Response schemas for the listed error statuses, all sharing ErrorBody. */
export function errorResponses(...statuses: number[]): Record<number, TSchema> {
	return Object.fromEntries(statuses.map((status) => [status, { ...ErrorBody, description: ERROR_DESCRIPTIONS[status] ?? 'Error' }]));
}

export const IdParam = (name: string, prefix: string) =>
	Type.Object({ [name]: Type.String({ pattern: `^${prefix}_[0-9a-z]{26}$`, description: `${prefix}_… id` }) });

export const PageQuery = Type.Object(
	{
		limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
		after: Type.Optional(Type.String({ maxLength: 64, description: 'Return items after this id (cursor from the previous page)' })),
	},
	{ additionalProperties: false },
);

export const Timestamp = Type.String({ format: 'date-time' });
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const SECURITY: Array<Record<string, string[]>> = [{ bearer: [] }, { apiKey: [] }];

/**
 * For routes whose body has only optional fields: a POST without any body is read as `{}` (its defaults) rather than
 * refused for not being an object. Runs before validation.
 */
export function bodyOptional(request: { body: unknown }, _reply: unknown, done: () => void): void {
	request.body ??= {};
	done();
}
