import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

const API_KEY_ID_PATTERN = '^key_[0-9a-z]{26}$';

/** One of the chosen tenant's keys, picked by name from its list, or by id. */
export const apiKeyField: INodeProperties = {
	displayName: 'API Key',
	name: 'apiKey',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	modes: [
		{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchApiKeys', searchable: true } },
		{
			displayName: 'ID',
			name: 'id',
			type: 'string',
			placeholder: 'key_01j…',
			validation: [{ type: 'regex', properties: { regex: API_KEY_ID_PATTERN, errorMessage: 'An API key ID looks like key_ followed by 26 lowercase letters and digits' } }],
		},
	],
};

export function apiKeyIdOf(context: IExecuteFunctions, itemIndex: number): string {
	const keyId = String(context.getNodeParameter('apiKey', itemIndex, '', { extractValue: true }) ?? '').trim();
	if (!new RegExp(API_KEY_ID_PATTERN).test(keyId)) {
		throw new NodeOperationError(context.getNode(), `API Key: "${keyId}" is not an API key ID`, { itemIndex, description: 'Pick a key from the list, or give its ID (key_…), as API Key › Get Many lists it. The key itself (wak_…) is not its ID.' });
	}
	return keyId;
}
