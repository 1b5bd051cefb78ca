import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { requestedLimit, returnAllFields } from '../../../shared/listFields';
import type { OperationResult } from '../../../shared/router';
import { listAllTenants } from '../../../shared/transport/api/tenants';

export const description: INodeProperties[] = [...returnAllFields];

/** One item per tenant, oldest first. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	return listAllTenants(this, requestedLimit(this, itemIndex), itemIndex);
}
