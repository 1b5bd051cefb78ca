import type { FastifyReply, FastifyRequest } from 'fastify';
import { Agent } from 'undici';
import { AppError, type RunsOnAnotherReplica } from '../shared/errors';

/** Marks a forwarded request, so a replica that no longer runs the session answers 409 instead of passing it on again. */
export const FORWARDED_HEADER = 'x-wa-forwarded';

/** Long enough for a Web send that fetches its media first (WEB_MEDIA_FETCH_TIMEOUT_MS) and waits for the phone. */
const FORWARD_TIMEOUT_MS = 120_000;

/** Connection-level headers belong to one hop; the body is serialized again, so its length is recomputed. */
const NOT_FORWARDED = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'proxy-authorization', 'proxy-connection', 'content-length', 'expect']);

const agent = new Agent({ keepAliveTimeout: 10_000, headersTimeout: FORWARD_TIMEOUT_MS, bodyTimeout: FORWARD_TIMEOUT_MS });

/** Whether this request can be handed to the replica that runs what it asks for. */
export function canForward(request: FastifyRequest, error: RunsOnAnotherReplica): error is RunsOnAnotherReplica & { replicaUrl: string } {
	if (!error.replicaUrl || request.headers[FORWARDED_HEADER] !== undefined) return false;
	// Only JSON bodies (or none) can be sent again: a streamed body (an upload) is already consumed.
	const type = request.headers['content-type'];
	return request.body === undefined || request.body === null || (typeof type === 'string' && type.toLowerCase().startsWith('application/json'));
}

/**
 * Sends the request, with its credentials, to the replica that runs the session and relays that replica's answer as
 * it is. Nothing was written here before (the check comes before any row), so the owner does the whole request
 * once. Answers undefined once the answer is relayed, or the 503 to send when the owner cannot be reached (a send may
 * or may not have left then; an Idempotency-Key makes the retry safe).
 */
export async function forwardToReplica(request: FastifyRequest, reply: FastifyReply, error: RunsOnAnotherReplica & { replicaUrl: string }): Promise<AppError | undefined> {
	const headers: Record<string, string> = { [FORWARDED_HEADER]: '1' };
	for (const [name, value] of Object.entries(request.headers)) {
		if (value === undefined || NOT_FORWARDED.has(name)) continue;
		headers[name] = Array.isArray(value) ? value.join(', ') : value;
	}
	const hasBody = request.body !== undefined && request.body !== null;
	const target = new URL(request.url, `${error.replicaUrl}/`);
	try {
		const answer = await agent.request({
			origin: target.origin,
			path: target.pathname + target.search,
			method: request.method as 'GET',
			headers,
			body: hasBody ? JSON.stringify(request.body) : undefined,
			signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS),
		});
		const body = Buffer.from(await answer.body.arrayBuffer());
		const type = answer.headers['content-type'];
		if (typeof type === 'string') reply.header('content-type', type);
		const retryAfter = answer.headers['retry-after'];
		if (typeof retryAfter === 'string') reply.header('retry-after', retryAfter);
		reply.header('x-wa-replica', String(error.details.owner ?? ''));
		await reply.status(answer.statusCode).send(body);
		return undefined;
	} catch (cause) {
		request.log.warn({ err: cause, owner: error.details.owner, replicaUrl: error.replicaUrl }, 'the replica running a web session did not answer a forwarded request');
		return new AppError(503, 'upstream_unavailable', `The replica running this session (${String(error.details.owner)}) did not answer at ${error.replicaUrl}: ${(cause as Error).message}. Retry shortly: if that replica is gone, another takes the session over once its lease expires.`, {
			...error.details,
			retryable: true,
			hint: 'A send retried with the same Idempotency-Key is never sent twice.',
		});
	}
}
