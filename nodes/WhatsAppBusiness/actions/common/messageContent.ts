import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { MessageContent } from '../../../shared/transport/api/messages';
import { parseJsonObject } from '../../helpers/json';
import { contactsFields, toContactCard } from './contacts';
import { buildInteractive, interactiveFields } from './interactiveContent';
import { MEDIA_MESSAGE_TYPES, mediaSourceFields, resolveMediaSource } from './mediaSource';

/** Everything a Cloud API message can be; what differs between send and reply is only the envelope. */
export const messageContentFields: INodeProperties[] = [
	{
		displayName: 'Message Type',
		name: 'messageType',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Audio', value: 'audio' },
			{ name: 'Contacts', value: 'contacts' },
			{ name: 'Custom (JSON)', value: 'custom', description: 'Any message the service accepts, written as JSON' },
			{ name: 'Document', value: 'document' },
			{ name: 'Image', value: 'image' },
			{ name: 'Interactive', value: 'interactive', description: 'Reply buttons, a list, a URL button or a Flow' },
			{ name: 'Location', value: 'location' },
			{ name: 'Sticker', value: 'sticker' },
			{ name: 'Text', value: 'text' },
			{ name: 'Video', value: 'video' },
		],
		default: 'text',
	},
	{ displayName: 'Text', name: 'textBody', type: 'string', typeOptions: { rows: 4 }, default: '', required: true, description: 'Up to 4096 characters; WhatsApp formatting like *bold* works', displayOptions: { show: { messageType: ['text'] } } },
	...mediaSourceFields({ messageType: MEDIA_MESSAGE_TYPES }),
	{ displayName: 'Latitude', name: 'latitude', type: 'number', typeOptions: { minValue: -90, maxValue: 90, numberPrecision: 6 }, default: 0, required: true, displayOptions: { show: { messageType: ['location'] } } },
	{ displayName: 'Longitude', name: 'longitude', type: 'number', typeOptions: { minValue: -180, maxValue: 180, numberPrecision: 6 }, default: 0, required: true, displayOptions: { show: { messageType: ['location'] } } },
	...contactsFields,
	...interactiveFields,
	{
		displayName: 'Message (JSON)',
		name: 'customMessage',
		type: 'json',
		default: '{\n  "type": "text",\n  "text": { "body": "Hello" }\n}',
		required: true,
		description: 'The message as the service\'s POST /v1/messages takes it: "type" plus the object of that type (Meta\'s shape for interactive, template and contacts). Recipient and sender come from the fields above unless given here.',
		displayOptions: { show: { messageType: ['custom'] } },
	},
	{
		displayName: 'Content Options',
		name: 'contentOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { messageType: ['text', ...MEDIA_MESSAGE_TYPES, 'location'] } },
		options: [
			{ displayName: 'Address', name: 'address', type: 'string', default: '', displayOptions: { show: { '/messageType': ['location'] } } },
			{ displayName: 'Caption', name: 'caption', type: 'string', default: '', description: 'Up to 1024 characters', displayOptions: { show: { '/messageType': ['image', 'video', 'document'] } } },
			{ displayName: 'Filename', name: 'filename', type: 'string', default: '', description: 'Shown to the recipient; its extension picks the icon', displayOptions: { show: { '/messageType': ['document'] } } },
			{ displayName: 'Location Name', name: 'locationName', type: 'string', default: '', displayOptions: { show: { '/messageType': ['location'] } } },
			{ displayName: 'Show URL Preview', name: 'previewUrl', type: 'boolean', default: false, description: 'Whether to show a preview of the first link in the text', displayOptions: { show: { '/messageType': ['text'] } } },
		],
	},
];

/** The message (without recipient and sender) the form describes; binary files are uploaded on the way. */
export async function buildMessageContent(context: IExecuteFunctions, itemIndex: number, from: string | undefined): Promise<MessageContent> {
	const type = context.getNodeParameter('messageType', itemIndex) as string;
	const options = (MEDIA_MESSAGE_TYPES.includes(type) || ['text', 'location'].includes(type) ? context.getNodeParameter('contentOptions', itemIndex, {}) : {}) as IDataObject;
	const option = (name: string) => String(options[name] ?? '').trim() || undefined;

	if (type === 'text') {
		return { type, text: { body: context.getNodeParameter('textBody', itemIndex) as string, ...(options.previewUrl === true ? { previewUrl: true } : {}) } };
	}
	if (MEDIA_MESSAGE_TYPES.includes(type)) {
		const media = await resolveMediaSource(context, itemIndex, from);
		if (['image', 'video', 'document'].includes(type) && option('caption')) media.caption = option('caption');
		if (type === 'document') {
			if (option('filename')) media.filename = option('filename');
		} else {
			// Only documents carry a filename on WhatsApp; an uploaded file's name is not sent for other types.
			delete media.filename;
		}
		return { type, [type]: media };
	}
	if (type === 'location') {
		return {
			type,
			location: {
				latitude: context.getNodeParameter('latitude', itemIndex) as number,
				longitude: context.getNodeParameter('longitude', itemIndex) as number,
				...(option('locationName') ? { name: option('locationName') } : {}),
				...(option('address') ? { address: option('address') } : {}),
			},
		};
	}
	if (type === 'contacts') {
		const rows = ((context.getNodeParameter('contacts', itemIndex, {}) as IDataObject).contact as IDataObject[] | undefined) ?? [];
		if (rows.length === 0) throw new NodeOperationError(context.getNode(), 'Add at least one contact', { itemIndex });
		return { type, contacts: rows.map(toContactCard) };
	}
	if (type === 'interactive') return { type, interactive: buildInteractive(context, itemIndex) };
	if (type === 'custom') {
		const custom = parseJsonObject(context, context.getNodeParameter('customMessage', itemIndex), 'Message (JSON)', itemIndex);
		if (typeof custom.type !== 'string') throw new NodeOperationError(context.getNode(), 'Message (JSON) needs a "type"', { itemIndex, description: 'For example {"type": "text", "text": {"body": "Hello"}}' });
		return custom as unknown as MessageContent;
	}
	throw new NodeOperationError(context.getNode(), `Unknown message type "${type}"`, { itemIndex });
}
