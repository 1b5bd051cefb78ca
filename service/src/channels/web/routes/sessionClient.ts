import type { TenantScope } from '../../../auth/tenantScope';
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
