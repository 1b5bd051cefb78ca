import type { IDataObject } from 'n8n-workflow';
import { serviceRequest, type ServiceContext } from '../request';

export interface BusinessProfile extends IDataObject {
	about: string | null;
	address: string | null;
	description: string | null;
	email: string | null;
	websites: string[];
	vertical: string | null;
	profilePictureUrl: string | null;
}

const profilePath = (phoneNumberId: string) => `/v1/cloud/numbers/${encodeURIComponent(phoneNumberId)}/profile`;

export async function getBusinessProfile(context: ServiceContext, tenantId: string, phoneNumberId: string, itemIndex?: number): Promise<BusinessProfile> {
	return serviceRequest<BusinessProfile>(context, 'whatsAppServiceAdminApi', { method: 'GET', path: profilePath(phoneNumberId), tenantId, itemIndex });
}

/** Changes the given fields; answers the profile as it is now. */
export async function updateBusinessProfile(context: ServiceContext, tenantId: string, phoneNumberId: string, changes: IDataObject, itemIndex?: number): Promise<BusinessProfile> {
	return serviceRequest<BusinessProfile>(context, 'whatsAppServiceAdminApi', { method: 'PATCH', path: profilePath(phoneNumberId), body: changes, tenantId, itemIndex });
}
