import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { deleteTemplate } from '../../../shared/transport/api/templates';
import { wabaFields, wabaOf } from './waba';

export const description: INodeProperties[] = [
	...wabaFields,
	{ displayName: 'Name', name: 'name', type: 'string', default: '', required: true, description: 'Deletes every language of this template unless a template ID is given' },
	{ displayName: 'Template ID', name: 'templateId', type: 'string', default: '', description: 'Delete only this language version (the ID from Template › List)' },
];

/** After deleting an approved template its name cannot be reused for 30 days (Meta's rule). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const name = (this.getNodeParameter('name', itemIndex) as string).trim();
	const templateId = (this.getNodeParameter('templateId', itemIndex, '') as string).trim();
	await deleteTemplate(this, { ...wabaOf(this, itemIndex), name, ...(templateId ? { templateId } : {}) }, itemIndex);
	return { deleted: true, name, ...(templateId ? { templateId } : {}) };
}
