import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { newRequestId, newTraceId } from '../ids';
import type { Simulator } from '../simulator';
import type { FaultScope } from '../state/faults';
import { MAX_MEDIA_BYTES } from '../state/mediaTypes';
import { type GraphContext, graphContext, maybeGraphContext, setGraphContext } from './context';
import { GraphError, graphErrors } from './errors';
import type { HangingRequests } from './hangs';
import { registerBlockUsersRoutes } from './blockUsersRoutes';
import { registerBusinessProfileRoutes } from './businessProfileRoutes';
import { registerSubscribedAppsRoutes } from './subscribedAppsRoutes';
import { registerMessageQrRoutes } from './messageQrRoutes';
import { registerMediaRoutes } from './mediaRoutes';
import { registerMessagesRoute } from './messagesRoute';
import { registerObjectRoutes } from './objectRoutes';
import { registerPhoneNumberRoutes } from './phoneNumberRoutes';
import { registerTemplateRoutes } from './templateRoutes';
import { checkVersion } from './version';

/**
 * The Graph API surface (`/graph/:version/...`): version check, Bearer authentication, HTTP-level faults,
 * Meta's response headers and error shape around the resource routes.
 */
export interface SandboxUrls {
	/** Absolute URL of the sandbox root (its mount prefix included), as the client reached it. */
	base(request: FastifyRequest): string;
}

export interface GraphDeps {
	sim: Simulator;
	urls: SandboxUrls;
	hangs: HangingRequests;
}

/** Route-level setting naming which HTTP faults apply to a route. */
export interface GraphRouteConfig {
	faultScope?: Exclude<FaultScope, 'all'>;
}

export async function graphPlugin(fastify: FastifyInstance, deps: GraphDeps): Promise<void> {
	const { sim } = deps;

	// Media uploads are parsed here from a buffered body so the host app's own multipart setup (if any) neither
	// conflicts with nor limits the simulator's 100 MB documents.
	if (fastify.hasContentTypeParser('multipart/form-data')) fastify.removeContentTypeParser('multipart/form-data');
	fastify.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: MAX_MEDIA_BYTES + 1024 * 1024 }, (_request, body, done) => done(null, body));

	fastify.addHook('onRequest', async (request) => {
		sim.stats.graphRequests++;
		const version = (request.params as { version?: string }).version;
		// Until the path's version is known to be valid, answers name the newest supported one.
		const context: GraphContext = { traceId: newTraceId(), requestId: newRequestId(), version: `v${sim.config.apiVersions.max}.0` };
		setGraphContext(request, context);
		if (version === undefined) return;
		checkVersion(version, sim.config.apiVersions);
		context.version = version;
		context.token = sim.registry.authenticate(bearerToken(request));
	});

	fastify.addHook('preHandler', async (request, reply) => applyHttpFaults(deps, request, reply));

	fastify.addHook('onSend', async (request, reply, payload) => {
		const context = maybeGraphContext(request);
		if (context) {
			reply.header('x-fb-trace-id', context.traceId);
			reply.header('x-fb-request-id', context.requestId);
			reply.header('facebook-api-version', context.version);
		}
		reply.header('access-control-allow-origin', '*');
		reply.header('cache-control', 'private, no-cache, no-store, must-revalidate');
		reply.header('pragma', 'no-cache');
		return payload;
	});

	fastify.setErrorHandler((error: FastifyError | GraphError, request, reply) => {
		const graphError = toGraphError(error);
		sim.stats.recordError(graphError.code);
		if ((request.routeOptions.config as GraphRouteConfig | undefined)?.faultScope === 'messages') sim.stats.sendsRejected++;
		if (graphError.httpStatus === 500 && !(error instanceof GraphError)) request.log.error({ err: error }, 'sandbox graph route failed');
		if (graphError.code === 190 || graphError.code === 104) reply.header('www-authenticate', `OAuth "Facebook Platform" "invalid_token" "${graphError.message}"`);
		void reply.code(graphError.httpStatus).send(graphError.toBody(maybeGraphContext(request)?.traceId ?? newTraceId()));
	});

	fastify.setNotFoundHandler((request, reply) => {
		const graphError = graphErrors.unknownPath(request.url.split('?')[0]!);
		sim.stats.recordError(graphError.code);
		void reply.code(graphError.httpStatus).send(graphError.toBody(maybeGraphContext(request)?.traceId ?? newTraceId()));
	});

	registerMessagesRoute(fastify, deps);
	registerMediaRoutes(fastify, deps);
	registerTemplateRoutes(fastify, deps);
	registerPhoneNumberRoutes(fastify, deps);
	registerBlockUsersRoutes(fastify, deps);
	registerBusinessProfileRoutes(fastify, deps);
	registerSubscribedAppsRoutes(fastify, deps);
	registerMessageQrRoutes(fastify, deps);
	// Last: `/:version/:id` would otherwise be shadowed by nothing, but keeping it last reads as "fallback".
	registerObjectRoutes(fastify, deps);
}

/** `Authorization: Bearer <token>`, or Graph's `access_token` query parameter. */
export function bearerToken(request: FastifyRequest): string | undefined {
	const header = request.headers.authorization;
	if (typeof header === 'string') {
		const match = /^Bearer\s+(.+)$/i.exec(header.trim());
		if (match) return match[1]!.trim();
	}
	const query = (request.query as { access_token?: unknown } | undefined)?.access_token;
	return typeof query === 'string' && query !== '' ? query : undefined;
}

async function applyHttpFaults(deps: GraphDeps, request: FastifyRequest, reply: FastifyReply): Promise<void> {
	const { sim } = deps;
	const scope = (request.routeOptions.config as GraphRouteConfig | undefined)?.faultScope;
	if (!scope || sim.faults.isEmpty) return;
	const to = (request.body as { to?: unknown } | undefined)?.to;
	const context = { scope, phoneNumberId: (request.params as { id?: string }).id, recipient: typeof to === 'string' ? to.replace(/\D/g, '') : undefined };

	const latency = sim.faults.take('latency', context);
	if (latency) {
		sim.stats.recordFault('latency');
		await new Promise((resolve) => setTimeout(resolve, latency.ms + sim.random() * latency.jitterMs));
	}
	const timeout = sim.faults.take('timeout', context);
	if (timeout) {
		sim.stats.recordFault('timeout');
		if (timeout.processed) graphContext(request).hangAfterHandling = timeout;
		else return deps.hangs.hang(reply, timeout.hangMs);
	}
	const failure = sim.faults.take('http_error', context);
	if (failure) {
		sim.stats.recordFault('http_error');
		throw failure.status === 503 || failure.code === 131016
			? graphErrors.serviceUnavailable(failure.status)
			: failure.code === 131000
				? graphErrors.somethingWentWrong(failure.status)
				: new GraphError({ code: failure.code, httpStatus: failure.status, title: 'Injected failure', isTransient: true });
	}
}

function toGraphError(error: FastifyError | GraphError): GraphError {
	if (error instanceof GraphError) return error;
	if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return graphErrors.mediaUploadError('The request body is larger than the simulator accepts.');
	if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
		return graphErrors.invalidParameter(`The request could not be read: ${error.message}`);
	}
	return graphErrors.unknownError();
}
