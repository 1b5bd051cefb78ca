import { serviceRequest, type ServiceContext } from '../request';

export interface CloudNumber {
	id: string;
	phoneNumberId: string;
	wabaId: string;
	displayPhoneNumber: string | null;
	verifiedName: string | null;
	isDefault: boolean;
}

/** The tenant's Cloud API phone numbers (the sender picker). */
export async function listCloudNumbers(context: ServiceContext): Promise<CloudNumber[]> {
	const answer = await serviceRequest<{ data: CloudNumber[] }>(context, 'whatsAppTenantApi', { method: 'GET', path: '/v1/cloud/numbers' });
	return answer.data;
}
