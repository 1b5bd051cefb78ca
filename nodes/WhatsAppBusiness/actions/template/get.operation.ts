import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { getTemplate } from '../../../shared/transport/api/templates';
import { templateIdField, templateIdOf } from './templateId';
import { wabaFields, wabaOf } from './waba';

export const description: INodeProperties[] = [...wabaFields, templateIdField];

/** One template with its status (e.g. after Create or Update, while Meta reviews it) and its components. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	return getTemplate(this, templateIdOf(this, itemIndex), wabaOf(this, itemIndex), itemIndex);
}
