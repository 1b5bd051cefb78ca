import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { getTenantConfig } from '../../../shared/transport/api/tenantConfig';
import { tenantField, tenantIdOf } from '../common/tenantLocator';

export const description: INodeProperties[] = [tenantField];

/** The default mode and, per channel, whether it is configured and healthy (and why not). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	return getTenantConfig(this, tenantIdOf(this, itemIndex), itemIndex);
}
