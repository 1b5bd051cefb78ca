import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { listWebSessions } from '../../shared/transport/api/webSessions';

/** The tenant's sessions with their status, so a picker shows at once which phone is linked. */
export async function searchSessions(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const sessions = await listWebSessions(this);
	const needle = (filter ?? '').toLowerCase();
	return {
		results: sessions
			.filter((session) => !needle || session.name.toLowerCase().includes(needle) || (session.me?.id ?? '').includes(needle))
			.map((session) => ({
				name: `${session.name} · ${session.status}${session.me ? ` · ${session.me.pushName ?? session.me.id.split('@')[0]}` : ''}${session.isDefault ? ' · default' : ''}`,
				value: session.name,
			})),
	};
}
