import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { testCloudNumber } from '../../../shared/transport/api/cloudConnection';
import { tenantField, tenantIdOf } from '../common/tenantLocator';
import { chosenNumbers, phoneNumberField } from './phoneNumberPicker';

export const description: INodeProperties[] = [tenantField, phoneNumberField];

/**
 * Reads each number's profile from Meta with its stored token. A failed test is an item with ok: false and Meta's
 * reason (so a workflow can alert on it), not a node error; the outcome also feeds the channel's health.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const tenantId = tenantIdOf(this, itemIndex);
	const phoneNumberIds = await chosenNumbers(this, itemIndex, tenantId, 'to test');
	const results = [];
	for (const phoneNumberId of phoneNumberIds) results.push({ tenantId, phoneNumberId, ...(await testCloudNumber(this, tenantId, phoneNumberId, itemIndex)) });
	return results;
}
