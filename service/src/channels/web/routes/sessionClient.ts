import type { TenantScope } from '../../../auth/tenantScope';
import type { AppContext } from '../../../context';
import { requireAuth } from '../../../http/auth';
import { errorResponses, SECURITY } from '../../../http/schemas';
import type { WebClient } from '../driver';
import { toAppError } from '../driverErrors';
import type { SessionManager } from '../sessions/sessionManager';
import type { SessionRuntime } from '../sessions/sessionRuntime';

/**
 * What an unknown chat means to the caller: the path's chat (404), or a body field that named it (400 on that field);
 * and which field a value WhatsApp refuses came from (400 on that field).
 */
export interface ChatContext {
	chatId?: string;
	chatField?: string;
	argumentField?: string;
}

/**
 * Runs an operation on a WORKING session's live client, turning driver failures into API errors. A session that
 * runs on another replica is that replica's (runtimeFor says so before anything happens here).
 */
export function sessionClient(manager: SessionManager) {
	return async <T>(scope: TenantScope, name: string, chat: ChatContext, work: (client: WebClient, runtime: SessionRuntime) => Promise<T>): Promise<T> => {
		const runtime = await manager.runtimeFor(scope, name);
		const client = runtime.workingClient();
		try {
			return await work(client, runtime);
		} catch (error) {
			throw toAppError(error, { session: name, ...chat });
		}
	};
}

/**
 * What every route plugin working on a session's live client starts with: the read and send guards, the OpenAPI base
 * under its tag, the errors such a route may answer, and withClient.
 */
export function sessionRouteKit(ctx: AppContext, manager: SessionManager, tag: string) {
	return {
		read: requireAuth(ctx.authenticator, { scope: 'read' }),
		send: requireAuth(ctx.authenticator, { scope: 'send' }),
		base: { tags: [tag], security: SECURITY },
		errors: errorResponses(400, 401, 403, 404, 409, 502),
		withClient: sessionClient(manager),
	};
}
