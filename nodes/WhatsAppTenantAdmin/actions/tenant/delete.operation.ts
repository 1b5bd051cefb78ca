import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { deleteTenant } from '../../../shared/transport/api/tenants';
import { tenantField, tenantIdOf } from '../common/tenantLocator';

export const description: INodeProperties[] = [
	{ displayName: 'Deleting a tenant removes all its data: numbers, sessions, message history and API keys. It cannot be undone.', name: 'deleteNotice', type: 'notice', default: '' },
	tenantField,
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const tenantId = tenantIdOf(this, itemIndex);
	await deleteTenant(this, tenantId, itemIndex);
	return { id: tenantId, deleted: true };
}
