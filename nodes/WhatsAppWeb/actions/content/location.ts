import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { MessageContent } from '../../../shared/transport/api/messages';
import { shownWhen, type ShowWhen } from './showWhen';

export function locationFields(when?: ShowWhen): INodeProperties[] {
	return shownWhen(
		[
			{ displayName: 'Latitude', name: 'latitude', type: 'number', typeOptions: { minValue: -90, maxValue: 90, numberPrecision: 6 }, default: 0, required: true },
			{ displayName: 'Longitude', name: 'longitude', type: 'number', typeOptions: { minValue: -180, maxValue: 180, numberPrecision: 6 }, default: 0, required: true },
			{
				displayName: 'Location Details',
				name: 'locationDetails',
				type: 'collection',
				placeholder: 'Add Detail',
				default: {},
				options: [
					{ displayName: 'Address', name: 'address', type: 'string', default: '' },
					{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'The place, e.g. the shop name' },
					{ displayName: 'URL', name: 'url', type: 'string', default: '', placeholder: 'https://example.com/store', description: 'A link shown with the location' },
				],
			},
		],
		when,
	);
}

export function buildLocation(context: IExecuteFunctions, itemIndex: number): MessageContent {
	const details = context.getNodeParameter('locationDetails', itemIndex, {}) as IDataObject;
	const text = (key: string) => String(details[key] ?? '').trim();
	return {
		type: 'location',
		location: {
			latitude: context.getNodeParameter('latitude', itemIndex) as number,
			longitude: context.getNodeParameter('longitude', itemIndex) as number,
			...(text('name') ? { name: text('name') } : {}),
			...(text('address') ? { address: text('address') } : {}),
			...(text('url') ? { url: text('url') } : {}),
		},
	};
}
