import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { listCloudNumbers } from '../../shared/transport/api/cloudNumbers';

export async function getPhoneNumbers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const numbers = await listCloudNumbers(this);
	return numbers.map((number) => ({
		name: [number.displayPhoneNumber ?? number.phoneNumberId, number.verifiedName].filter(Boolean).join(' · '),
		value: number.phoneNumberId,
		description: `Phone number ID ${number.phoneNumberId}`,
	}));
}
