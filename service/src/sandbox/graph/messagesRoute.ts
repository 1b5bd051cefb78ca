import type { FastifyInstance } from 'fastify';
import { sendMessage } from '../sending/sendMessage';
import type { JsonObject } from '../validation/fields';
import { parseMessagesRequest } from '../validation/messageRequest';
import { phoneNumberFor } from './access';
import { graphContext } from './context';
import type { GraphDeps, GraphRouteConfig } from './graphPlugin';

/** `POST /:version/:phone-number-id/messages`: sends, mark-as-read and typing indicators (contract A.1, A.2). */
export function registerMessagesRoute(fastify: FastifyInstance, deps: GraphDeps): void {
	const { sim } = deps;
	const config: GraphRouteConfig = { faultScope: 'messages' };

	fastify.post<{ Params: { version: string; id: string } }, GraphRouteConfig>('/:version/:id/messages', { config }, async (request, reply) => {
		const number = phoneNumberFor(sim, request, request.params.id);
		const parsed = parseMessagesRequest(request.body);
		let response: unknown;
		if (parsed.kind === 'status') {
			const inbound = sim.messages.getInbound(parsed.messageId);
			if (inbound && inbound.phoneNumberId === number.phoneNumberId) inbound.readAt ??= sim.clock.now();
			if (parsed.typing) sim.stats.typingIndicators++;
			sim.stats.markedRead++;
			response = { success: true };
		} else {
			response = sendMessage(sim, number, parsed.message, request.body as JsonObject, graphContext(request).version);
		}
		const hang = graphContext(request).hangAfterHandling;
		if (hang) {
			await deps.hangs.hang(reply, hang.hangMs);
			return reply;
		}
		return response;
	});
}
