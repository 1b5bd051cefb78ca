import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import { controlPlugin } from './control/controlPlugin';
import { graphPlugin, type SandboxUrls } from './graph/graphPlugin';
import { HangingRequests } from './graph/hangs';
import { mediaDownloadPlugin } from './graph/mediaDownloadRoute';
import type { Simulator } from './simulator';

/**
 * The simulator as a Fastify plugin. Register it under any prefix; it serves
 *   <prefix>/graph/:version/...                  the Graph API (what the Cloud API client calls)
 *   <prefix>/lookaside/whatsapp_business/...     media downloads
 *   <prefix>/control/...                         the control API, when `exposeControl` is true
 * It is encapsulated: its content-type parser, hooks and error handlers do not leak into the host app.
 */
export interface SandboxPluginOptions {
	simulator: Simulator;
	/** Serve `/control/...` (provisioning, injection, faults). Off unless asked for. */
	exposeControl?: boolean;
	/**
	 * Absolute URL clients reach this mount point at (e.g. behind a proxy), used in media URLs and paging
	 * links. Default: derived from each request's protocol and Host header.
	 */
	publicBaseUrl?: string;
}

export const sandboxPlugin: FastifyPluginAsync<SandboxPluginOptions> = async (fastify: FastifyInstance, options) => {
	const sim = options.simulator;
	const mountPrefix = fastify.prefix;
	const urls: SandboxUrls = {
		base: (request: FastifyRequest) => (options.publicBaseUrl ?? `${request.protocol}://${request.host}${mountPrefix}`).replace(/\/+$/, ''),
	};
	const hangs = new HangingRequests();
	// A request held open by a timeout fault must not keep the server from closing.
	fastify.addHook('preClose', async () => hangs.releaseAll());
	fastify.addHook('onClose', async () => sim.close());

	await fastify.register(graphPlugin, { prefix: '/graph', sim, urls, hangs });
	await fastify.register(mediaDownloadPlugin, { prefix: '/lookaside', sim });
	if (options.exposeControl) await fastify.register(controlPlugin, { prefix: '/control', sim, urls });
};
