import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../context';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * The same rule as the Cloud sandbox's control API: platform admins always; in development, anyone on this
 * machine (so demos and the n8n end-to-end tests drive fake phones with plain curl).
 */
export function webSandboxGuard(ctx: AppContext) {
	return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
		if (ctx.config.env === 'development' && LOOPBACK.has(request.socket.remoteAddress ?? '')) return;
		const deny = (status: 401 | 403, message: string) => reply.code(status).send({ error: { code: status === 401 ? 'unauthorized' : 'forbidden', message, details: {} } });
		try {
			const apiKey = request.headers['x-api-key'];
			const principal = await ctx.authenticator.authenticate({ authorization: request.headers.authorization, apiKey: Array.isArray(apiKey) ? apiKey[0] : apiKey });
			if (principal.role !== 'platform_admin') return deny(403, 'The Web sandbox control API needs a platform admin');
		} catch {
			return deny(401, 'The Web sandbox control API needs a platform admin key or token (or, in development, a call from this machine)');
		}
	};
}
