import type { INodeProperties } from 'n8n-workflow';

/** Event types of the service a Cloud API trigger can listen to (service/src/events/envelope.ts). */
export const CLOUD_EVENTS = [
	{ name: 'Message Received', value: 'message.received', description: 'A user wrote to one of your numbers' },
	{ name: 'Message Status', value: 'message.status', description: 'A sent message was delivered, read or failed' },
	{ name: 'Message Sent', value: 'message.sent', description: 'Any workflow or app of this tenant sent a message' },
	{ name: 'Template Status', value: 'template.status', description: 'Meta approved, rejected or paused a template' },
	{ name: 'Account Update', value: 'account.update', description: 'Changes to the WhatsApp Business Account or a number (quality, name, limits)' },
];

const MESSAGE_TYPES = ['text', 'image', 'video', 'audio', 'document', 'sticker', 'location', 'contacts', 'reaction', 'button', 'interactive', 'order', 'system', 'unsupported'];
const STATUSES = ['sent', 'delivered', 'read', 'failed', 'deleted'];

const titleCase = (value: string) => value.charAt(0).toUpperCase() + value.slice(1);

export const versionProperties: INodeProperties[] = [
	{
		displayName: 'Any number of these triggers can listen at once (test and production, several workflows): the WhatsApp service fans every event out to each of them.',
		name: 'fanOutNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Trigger On',
		name: 'events',
		type: 'multiOptions',
		options: CLOUD_EVENTS,
		default: ['message.received'],
		required: true,
	},
	{
		displayName: 'Phone Number Names or IDs',
		name: 'phoneNumbers',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getPhoneNumbers' },
		default: [],
		description: 'Only events of these numbers; none selected means every number of the tenant. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Message Types',
		name: 'messageTypes',
		type: 'multiOptions',
		options: MESSAGE_TYPES.map((type) => ({ name: titleCase(type), value: type })),
		default: [],
		description: 'Only received messages of these types; none selected means all',
		displayOptions: { show: { events: ['message.received'] } },
	},
	{
		displayName: 'Statuses',
		name: 'statuses',
		type: 'multiOptions',
		options: STATUSES.map((status) => ({ name: titleCase(status), value: status })),
		default: [],
		description: 'Only these delivery statuses; none selected means all',
		displayOptions: { show: { events: ['message.status'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Download Media',
				name: 'downloadMedia',
				type: 'boolean',
				default: false,
				description: 'Whether to fetch the file of a received image, video, audio, document or sticker into binary data',
			},
			{
				displayName: 'Include Provider Payload',
				name: 'includeRaw',
				type: 'boolean',
				default: false,
				description: 'Whether to add Meta\'s original webhook payload under "raw"',
			},
			{
				displayName: 'Put Media in Field',
				name: 'binaryPropertyName',
				type: 'string',
				default: 'data',
				description: 'The output binary field for downloaded media',
				displayOptions: { show: { downloadMedia: [true] } },
			},
		],
	},
];
