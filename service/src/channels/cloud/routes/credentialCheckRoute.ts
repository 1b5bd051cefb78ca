import { Type } from 'typebox';
import type { App } from '../../../http/app';
import { errorResponses } from '../../../http/schemas';
import { AppError, rateLimited } from '../../../shared/errors';
import type { CloudServices } from '../cloudServices';
import { listPhoneNumbers } from '../graph/phoneNumbersApi';
import { GraphCallError } from '../graph/metaError';
import { graphErrorToAppError } from '../graph/errorMapping';
import { toPhoneNumber } from './numberRoutes';
import { PhoneNumberSchema, WabaId } from './schemas';

/** Fixed one-minute windows per client address: enough to stop token guessing through us, cheap to keep. */
class PerMinuteCounter {
	private window = 0;
	private readonly counts = new Map<string, number>();

	constructor(private readonly limit: number) {}

	/** Seconds until the caller may try again, or 0 when this call is allowed. */
	take(key: string): number {
		const minute = Math.floor(Date.now() / 60_000);
		if (minute !== this.window) {
			this.window = minute;
			this.counts.clear();
		}
		const count = (this.counts.get(key) ?? 0) + 1;
		this.counts.set(key, count);
		return count > this.limit ? 60 - Math.floor((Date.now() / 1000) % 60) : 0;
	}
}

/**
 * The n8n Meta credential's "test" button: is this token good for this WABA? It needs no tenant key (the credential
 * is tested before any tenant exists), so it stores nothing, calls only the configured Graph (never a URL the
 * caller names), logs no token and is rate-limited per client address.
 */
export function cloudCredentialCheckRoute(services: CloudServices) {
	return async (app: App): Promise<void> => {
		const counter = new PerMinuteCounter(services.ctx.config.cloud.credentialChecksPerMinute);

		app.post(
			'/v1/cloud/credential-check',
			{
				schema: {
					tags: ['cloud-config'],
					summary: 'Check a Meta access token against a WABA (no tenant key needed; rate-limited per client address)',
					body: Type.Object(
						{ accessToken: Type.String({ minLength: 8, maxLength: 2048 }), wabaId: WabaId, appId: Type.Optional(Type.String({ pattern: '^[0-9]{1,32}$' })) },
						{ additionalProperties: false },
					),
					response: { 200: Type.Object({ ok: Type.Literal(true), wabaId: Type.String(), phoneNumbers: Type.Array(PhoneNumberSchema) }), ...errorResponses(400, 404, 429, 502) },
				},
			},
			async (request) => {
				const retryAfter = counter.take(request.ip);
				if (retryAfter > 0) throw rateLimited('Too many credential checks from this address; try again in a minute', retryAfter);
				const { accessToken, wabaId } = request.body;
				const target = { ...services.credentialCheckBase(accessToken), accessToken };
				try {
					const numbers = await listPhoneNumbers(services.graph, target, wabaId);
					return { ok: true as const, wabaId, phoneNumbers: numbers.map(toPhoneNumber) };
				} catch (error) {
					if (!(error instanceof GraphCallError)) throw error;
					throw asCallerProblem(graphErrorToAppError(error));
				}
			},
		);
	};
}

/** Here a refused token is the caller's problem (they typed it), so Meta's refusals answer 400, not 502. */
function asCallerProblem(error: AppError): AppError {
	if (error.status !== 502) return error;
	return new AppError(400, 'validation_failed', error.message, { ...error.details, fields: [{ field: 'body.accessToken', message: String(error.details.hint) }] });
}
