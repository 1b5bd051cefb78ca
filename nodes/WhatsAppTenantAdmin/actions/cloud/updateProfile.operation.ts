import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { updateBusinessProfile } from '../../../shared/transport/api/cloudProfile';
import { tenantField, tenantIdOf } from '../common/tenantLocator';
import { chosenNumbers, phoneNumberField } from './phoneNumberPicker';
import { listedValues } from '../../../shared/listInput';

/** Meta's industries for a business profile. */
const VERTICALS = ['OTHER', 'AUTO', 'BEAUTY', 'APPAREL', 'EDU', 'ENTERTAIN', 'EVENT_PLAN', 'FINANCE', 'GROCERY', 'GOVT', 'HOTEL', 'HEALTH', 'NONPROFIT', 'PROF_SERVICES', 'RETAIL', 'TRAVEL', 'RESTAURANT', 'ALCOHOL', 'ONLINE_GAMBLING', 'PHYSICAL_GAMBLING', 'OTC_DRUGS'];

export const description: INodeProperties[] = [
	tenantField,
	{ ...phoneNumberField, description: 'The registered number to change, or all of them alike' },
	{
		displayName: 'Update Fields',
		name: 'profileFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'About', name: 'about', type: 'string', default: '', description: 'The About text, 1 to 139 characters' },
			{ displayName: 'Address', name: 'address', type: 'string', default: '', description: 'Up to 256 characters' },
			{ displayName: 'Description', name: 'description', type: 'string', typeOptions: { rows: 3 }, default: '', description: 'Up to 256 characters' },
			{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '', description: 'Contact email, up to 128 characters' },
			{
				displayName: 'Industry',
				name: 'vertical',
				type: 'options',
				options: VERTICALS.map((vertical) => ({ name: vertical.toLowerCase().replace(/_/g, ' ').replace(/^./, (first) => first.toUpperCase()), value: vertical })),
				default: 'OTHER',
			},
			{ displayName: 'Profile Picture Handle', name: 'profilePictureHandle', type: 'string', default: '', description: "A handle from Meta's Resumable Upload API" },
			{ displayName: 'Websites', name: 'websites', type: 'string', default: '', placeholder: 'https://shop.example, https://shop.example/blog', description: 'At most 2 http(s) URLs, separated by commas' },
		],
	},
];

/** Changes only the fields given; one item per number with its profile as it is now. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const tenantId = tenantIdOf(this, itemIndex);
	const fields = this.getNodeParameter('profileFields', itemIndex, {}) as IDataObject;
	const changes: IDataObject = { ...fields };
	if (typeof fields.websites === 'string') {
		const websites = listedValues(fields.websites);
		if (websites.length > 2 || websites.some((site) => !/^https?:\/\/\S+$/.test(site))) throw new NodeOperationError(this.getNode(), 'Websites: at most 2 http(s) URLs, separated by commas', { itemIndex });
		changes.websites = websites;
	}
	if (typeof fields.about === 'string' && (fields.about.length === 0 || fields.about.length > 139)) throw new NodeOperationError(this.getNode(), `About: 1 to 139 characters (got ${fields.about.length})`, { itemIndex });
	if (Object.keys(changes).length === 0) throw new NodeOperationError(this.getNode(), 'Update Fields: add at least one field to change', { itemIndex });
	const results = [];
	for (const phoneNumberId of await chosenNumbers(this, itemIndex, tenantId, 'to change')) results.push({ tenantId, phoneNumberId, ...(await updateBusinessProfile(this, tenantId, phoneNumberId, changes, itemIndex)) });
	return results;
}
