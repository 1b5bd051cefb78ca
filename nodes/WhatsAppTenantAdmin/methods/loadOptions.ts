import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { currentParameterValue } from '../../shared/methods/currentValue';
import { listTenantCloudNumbers } from '../../shared/transport/api/cloudConnection';
import { ALL_NUMBERS } from '../actions/cloud/phoneNumberPicker';

/** The chosen tenant's Cloud API numbers, after "All Numbers". */
export async function getTenantCloudNumbers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const all = { name: 'All Numbers', value: ALL_NUMBERS, description: 'Every number registered for the tenant' };
	const tenantId = currentParameterValue(this, 'tenant');
	if (!tenantId) return [all];
	const numbers = await listTenantCloudNumbers(this, tenantId);
	return [
		all,
		...numbers.map((number) => ({
			name: [number.displayPhoneNumber ?? number.phoneNumberId, number.verifiedName].filter(Boolean).join(' · '),
			value: number.phoneNumberId,
			description: `Phone number ID ${number.phoneNumberId}, WhatsApp Business Account ${number.wabaId}`,
		})),
	];
}
