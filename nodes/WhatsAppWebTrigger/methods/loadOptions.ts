import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { listWebSessions } from '../../shared/transport/api/webSessions';

export async function getSessions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const sessions = await listWebSessions(this);
	return sessions.map((session) => ({
		name: `${session.name} · ${session.status}`,
		value: session.name,
		description: session.me ? `Linked to ${session.me.pushName ?? session.me.id}` : 'Not linked to a phone yet',
	}));
}
