import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context';
import { SANDBOX_PREFIX } from './sandboxIdentity';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Who may drive the simulator (provision, inject messages, inject faults): platform admins, always; and in
 * development, anyone on this machine, so `curl` and `npm run n8n` work without an admin account. The Graph side
 * needs no guard: it authenticates with the sandbox's own tokens, as Meta does.
 */
export function sandboxControlGuard(ctx: AppContext) {
	return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
		if (!request.url.startsWith(`${SANDBOX_PREFIX}/control`)) return;
		if (ctx.config.env === 'development' && LOOPBACK.has(request.socket.remoteAddress ?? '')) return;
		const deny = (status: number, message: string) => reply.code(status).send({ error: { code: status === 401 ? 'unauthorized' : 'forbidden', message, details: {} } });
		try {
			const principal = await ctx.authenticator.authenticate({ authorization: request.headers.authorization, apiKey: headerValue(request.headers['x-api-key']) });
			if (principal.role !== 'platform_admin') return deny(403, 'The sandbox control API needs a platform admin');
		} catch {
			return deny(401, 'The sandbox control API needs a platform admin key or token (or, in development, a call from this machine)');
		}
	};
}

function headerValue(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value[0] : value;
}
