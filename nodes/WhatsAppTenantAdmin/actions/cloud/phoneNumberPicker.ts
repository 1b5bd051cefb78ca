import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { listTenantCloudNumbers } from '../../../shared/transport/api/cloudConnection';

/** The picker's value for "every number of the tenant". */
export const ALL_NUMBERS = 'all';

export const phoneNumberField: INodeProperties = {
	displayName: 'Phone Number Name or ID',
	name: 'phoneNumberId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getTenantCloudNumbers', loadOptionsDependsOn: ['tenant.value'] },
	default: ALL_NUMBERS,
	description: 'The registered number to test, or all of them. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export function phoneNumberChoice(context: IExecuteFunctions, itemIndex: number): string {
	return String(context.getNodeParameter('phoneNumberId', itemIndex, ALL_NUMBERS) ?? '').trim() || ALL_NUMBERS;
}

/** The chosen number, or every registered number of the tenant; none registered is an error saying what to do (`purpose`: "to test"…). */
export async function chosenNumbers(context: IExecuteFunctions, itemIndex: number, tenantId: string, purpose: string): Promise<string[]> {
	const choice = phoneNumberChoice(context, itemIndex);
	const phoneNumberIds = choice === ALL_NUMBERS ? (await listTenantCloudNumbers(context, tenantId, itemIndex)).map((number) => number.phoneNumberId) : [choice];
	if (phoneNumberIds.length === 0) {
		throw new NodeOperationError(context.getNode(), `The tenant has no Cloud API numbers ${purpose}`, { itemIndex, description: 'Push the Meta configuration first (Cloud › Push Configuration).' });
	}
	return phoneNumberIds;
}
