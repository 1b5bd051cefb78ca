import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { listTemplates } from '../../shared/transport/api/templates';
import { currentSender } from './currentSender';

/**
 * Approved templates of the sender's WhatsApp Business Account, searched by the service and paged with its
 * cursor. One entry per name: languages are chosen in the Language field.
 */
export async function searchTemplates(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const page = await listTemplates(this, { from: currentSender(this), status: 'APPROVED', search: filter || undefined, limit: 50, after: paginationToken || undefined });
	const byName = new Map<string, { languages: string[]; category: string }>();
	for (const template of page.data) {
		const entry = byName.get(template.name) ?? { languages: [], category: template.category };
		entry.languages.push(template.language);
		byName.set(template.name, entry);
	}
	return {
		results: [...byName.entries()].map(([name, entry]) => ({ name: `${name} (${entry.languages.sort().join(', ')}) · ${entry.category}`, value: name })),
		paginationToken: page.nextCursor ?? undefined,
	};
}
