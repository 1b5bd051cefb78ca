import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { getBusinessProfile } from '../../../shared/transport/api/cloudProfile';
import { tenantField, tenantIdOf } from '../common/tenantLocator';
import { chosenNumbers, phoneNumberField } from './phoneNumberPicker';

export const description: INodeProperties[] = [tenantField, { ...phoneNumberField, description: 'The registered number, or all of them (one item each)' }];

/** The WhatsApp Business profile (About, address, description, email, websites, industry, picture) as Meta has it. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const tenantId = tenantIdOf(this, itemIndex);
	const results = [];
	for (const phoneNumberId of await chosenNumbers(this, itemIndex, tenantId, 'to read')) results.push({ tenantId, phoneNumberId, ...(await getBusinessProfile(this, tenantId, phoneNumberId, itemIndex)) });
	return results;
}
