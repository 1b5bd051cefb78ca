import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { revokeApiKey } from '../../../shared/transport/api/apiKeys';
import { tenantField, tenantIdOf } from '../common/tenantLocator';
import { apiKeyField, apiKeyIdOf } from './apiKeyLocator';

export const description: INodeProperties[] = [tenantField, apiKeyField];

/** The key stops working at once; the output is the key's record with its revocation time. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	return revokeApiKey(this, tenantIdOf(this, itemIndex), apiKeyIdOf(this, itemIndex), itemIndex);
}
