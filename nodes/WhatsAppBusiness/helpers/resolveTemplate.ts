import { NodeOperationError } from 'n8n-workflow';
import type { ServiceContext } from '../../shared/transport/request';
import { listAllTemplates, type TemplateDefinition } from '../../shared/transport/api/templates';

export const AUTO_LANGUAGE = 'auto';

/**
 * The approved template to send: by name and language, or by name alone when it exists in exactly one approved
 * language. Errors say which languages exist, since "template not found" is the most common template mistake.
 */
export async function resolveTemplate(context: ServiceContext, query: { from?: string; name: string; language: string }, itemIndex?: number): Promise<TemplateDefinition> {
	const candidates = (await listAllTemplates(context, { from: query.from, name: query.name, status: 'APPROVED' }, 250, itemIndex)).filter((template) => template.name === query.name);
	const languages = candidates.map((template) => template.language).sort();
	if (candidates.length === 0) {
		throw new NodeOperationError(context.getNode(), `No approved template named "${query.name}"`, { itemIndex, description: 'Check the name and that the template is approved for the WhatsApp Business Account of the sender number.' });
	}
	if (query.language === AUTO_LANGUAGE || query.language === '') {
		if (candidates.length === 1) return candidates[0];
		throw new NodeOperationError(context.getNode(), `Template "${query.name}" exists in several languages: choose one`, { itemIndex, description: `Languages: ${languages.join(', ')}` });
	}
	const match = candidates.find((template) => template.language === query.language);
	if (!match) throw new NodeOperationError(context.getNode(), `Template "${query.name}" is not approved in ${query.language}`, { itemIndex, description: `Approved languages: ${languages.join(', ')}` });
	return match;
}
