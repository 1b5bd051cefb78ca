import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** One language version of a template, by the ID Meta gave it. */
export const templateIdField: INodeProperties = { displayName: 'Template ID', name: 'templateId', type: 'string', default: '', required: true, placeholder: '1689556908129832', description: 'The ID from Template › Get Many (one language version)' };

/** The Template ID parameter, checked: Meta's IDs are numeric, and a name given by mistake is said so. */
export function templateIdOf(context: IExecuteFunctions, itemIndex: number): string {
	const templateId = (context.getNodeParameter('templateId', itemIndex) as string).trim();
	if (!/^[0-9]{1,32}$/.test(templateId)) throw new NodeOperationError(context.getNode(), `Template ID must be a template's numeric ID, got "${templateId}"`, { itemIndex });
	return templateId;
}
