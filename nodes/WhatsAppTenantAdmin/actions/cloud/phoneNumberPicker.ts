import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

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
