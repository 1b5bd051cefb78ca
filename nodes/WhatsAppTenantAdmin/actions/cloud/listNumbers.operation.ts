import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { listTenantCloudNumbers } from '../../../shared/transport/api/cloudConnection';
import { tenantField, tenantIdOf } from '../common/tenantLocator';

export const description: INodeProperties[] = [tenantField];

/** One item per registered number, with its last test (tokens masked). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	return listTenantCloudNumbers(this, tenantIdOf(this, itemIndex), itemIndex);
}
