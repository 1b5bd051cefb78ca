import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { rotateApiKey } from '../../../shared/transport/api/apiKeys';
import { tenantField, tenantIdOf } from '../common/tenantLocator';
import { apiKeyField, apiKeyIdOf } from './apiKeyLocator';
import { keyShownOnceNotice } from './create.operation';

export const description: INodeProperties[] = [
	tenantField,
	apiKeyField,
	{ ...keyShownOnceNotice, displayName: 'The old key stops working at once. The new one is output once, in "key": update the credentials that used the old one.' },
];

/** Replaces a key with a new one of the same name, scopes and expiry. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const tenantId = tenantIdOf(this, itemIndex);
	const keyId = apiKeyIdOf(this, itemIndex);
	const created = await rotateApiKey(this, tenantId, keyId, itemIndex);
	return { ...created.apiKey, key: created.key, replacedKeyId: keyId };
}
