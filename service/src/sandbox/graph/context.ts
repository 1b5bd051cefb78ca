import type { FastifyRequest } from 'fastify';
import type { Fault } from '../state/faults';
import type { SimToken } from '../state/registry';

/**
 * Per-request Graph state (trace id, API version, authenticated token). Kept in a WeakMap rather than
 * as a Fastify request decoration so mounting the simulator adds nothing to the host app's request type.
 */
export interface GraphContext {
	traceId: string;
	requestId: string;
	version: string;
	token?: SimToken;
	/** A `timeout` fault with `processed: true`: the handler runs, then the answer is withheld. */
	hangAfterHandling?: Fault;
}

const contexts = new WeakMap<FastifyRequest, GraphContext>();

export function setGraphContext(request: FastifyRequest, context: GraphContext): void {
	contexts.set(request, context);
}

export function graphContext(request: FastifyRequest): GraphContext {
	const context = contexts.get(request);
	if (!context) throw new Error('Graph context missing: route registered outside the Graph scope');
	return context;
}

export function maybeGraphContext(request: FastifyRequest): GraphContext | undefined {
	return contexts.get(request);
}

/** The token of an authenticated Graph request; routes run only after authentication. */
export function requestToken(request: FastifyRequest): SimToken {
	const token = graphContext(request).token;
	if (!token) throw new Error('Graph route reached without authentication');
	return token;
}
