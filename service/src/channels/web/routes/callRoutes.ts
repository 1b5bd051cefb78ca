import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../../context';
import { tenantScopeOf } from '../../../http/auth';
import type { SessionManager } from '../sessions/sessionManager';
import { SessionName } from './schemas';
import { sessionRouteKit } from './sessionClient';

const CallParams = Type.Object({ name: SessionName, callId: Type.String({ pattern: '^[A-Za-z0-9_.:-]{1,128}$', description: "The call's id, from the call.received event" }) });
const Declined = Type.Object({ success: Type.Literal(true), callId: Type.String(), rejected: Type.Literal(true) });

/** Declining a ringing call (WhatsApp Web cannot take one); sessions with rejectCalls decline every call by themselves. */
export function webCallRoutes(manager: SessionManager): FastifyPluginAsyncTypebox<{ ctx: AppContext }> {
	return async (app, { ctx }) => {
		const { send, base, withClient, errors } = sessionRouteKit(ctx, manager, 'web-chats');
		app.post('/v1/web/sessions/:name/calls/:callId/reject', { preHandler: send, schema: { ...base, summary: 'Decline a call while it rings (404 once it stopped ringing, or for an unknown call)', params: CallParams, response: { 200: Declined, ...errors } } }, async (request) => {
			await withClient(tenantScopeOf(request), request.params.name, {}, (client) => client.rejectCall(request.params.callId));
			return { success: true as const, callId: request.params.callId, rejected: true as const };
		});
	};
}
