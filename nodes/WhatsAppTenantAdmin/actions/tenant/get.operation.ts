import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { getTenant } from '../../../shared/transport/api/tenants';
import { tenantField, tenantIdOf } from '../common/tenantLocator';

export const description: INodeProperties[] = [tenantField];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	return getTenant(this, tenantIdOf(this, itemIndex), itemIndex);
}
