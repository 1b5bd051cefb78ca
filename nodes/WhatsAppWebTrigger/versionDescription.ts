import type { INodeProperties } from 'n8n-workflow';

/** Event types of the service a WhatsApp Web trigger can listen to (service/src/events/envelope.ts). */
export const WEB_EVENTS = [
	{ name: 'Call Received', value: 'call.received', description: 'Someone called a session (WhatsApp Web can only decline calls: see the Reject Calls session setting)' },
	{ name: 'Group Update', value: 'group.update', description: 'Someone joined, left, was promoted or demoted in a group, or its subject, description or settings changed' },
	{ name: 'Message Deleted', value: 'message.revoked', description: 'Someone deleted a message for everyone' },
	{ name: 'Message Edited', value: 'message.edited', description: 'Someone edited a message' },
	{ name: 'Message Received', value: 'message.received', description: 'A message (or a reaction) arrived in a session' },
	{ name: 'Message Sent', value: 'message.sent', description: 'A session sent a message: typed on the phone, or by any workflow or app' },
	{ name: 'Message Status', value: 'message.status', description: 'A sent message was delivered, read, played or failed' },
	{ name: 'Poll Vote', value: 'poll.vote', description: 'Someone voted on a poll, changed their vote or withdrew it (no options selected)' },
	{ name: 'Session Status', value: 'session.status', description: 'A session started, showed a QR code, was linked, stopped or failed' },
];

const MESSAGE_TYPES = ['text', 'image', 'video', 'audio', 'document', 'sticker', 'location', 'contacts', 'poll', 'reaction', 'system', 'unsupported'];
const ACK_STATUSES = ['sent', 'delivered', 'read', 'played', 'failed'];
export const SESSION_STATUSES = ['STOPPED', 'STARTING', 'SCAN_QR', 'WORKING', 'FAILED'];

const titleCase = (value: string) => value.charAt(0).toUpperCase() + value.slice(1);
const MESSAGE_EVENTS = ['message.received', 'message.sent', 'message.status', 'message.revoked', 'message.edited', 'poll.vote', 'group.update'];

export const versionProperties: INodeProperties[] = [
	{
		displayName: 'Any number of these triggers can listen at once (test and production, several workflows): the WhatsApp service sends every event to each of them.',
		name: 'fanOutNotice',
		type: 'notice',
		default: '',
	},
	{ displayName: 'Trigger On', name: 'events', type: 'multiOptions', options: WEB_EVENTS, default: ['message.received'], required: true },
	{
		displayName: 'Session Names or IDs',
		name: 'sessions',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getSessions' },
		default: [],
		description: 'Only events of these sessions (IDs are the session names); none selected means every session of the tenant. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Message Types',
		name: 'messageTypes',
		type: 'multiOptions',
		options: MESSAGE_TYPES.map((type) => ({ name: titleCase(type), value: type })),
		default: [],
		description: 'Only messages of these types; none selected means all',
		displayOptions: { show: { events: ['message.received', 'message.sent'] } },
	},
	{
		displayName: 'Statuses',
		name: 'statuses',
		type: 'multiOptions',
		options: ACK_STATUSES.map((status) => ({ name: titleCase(status), value: status })),
		default: [],
		description: 'Only these delivery statuses (ticks); none selected means all',
		displayOptions: { show: { events: ['message.status'] } },
	},
	{
		displayName: 'Session Statuses',
		name: 'sessionStatuses',
		type: 'multiOptions',
		options: SESSION_STATUSES.map((status) => ({ name: status, value: status })),
		default: [],
		description: 'Only changes to these statuses; none selected means all',
		displayOptions: { show: { events: ['session.status'] } },
	},
	{
		displayName: 'Only Disconnections',
		name: 'onlyDisconnections',
		type: 'boolean',
		default: false,
		description: 'Whether to fire only when a WORKING session stops working (logged out on the phone, stopped, failed): an alert to link it again',
		displayOptions: { show: { events: ['session.status'] } },
	},
	{
		displayName: 'Chat Type',
		name: 'chatType',
		type: 'options',
		options: [
			{ name: 'All', value: 'all' },
			{ name: 'Groups Only', value: 'group' },
			{ name: 'Individual Only', value: 'individual' },
		],
		default: 'all',
		description: 'Which chats message events may come from',
		displayOptions: { show: { events: MESSAGE_EVENTS } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Chats',
				name: 'chats',
				type: 'string',
				default: '',
				placeholder: '+1 202 555 0108, 120363025246125486@g.us',
				description: 'Only message events of these chats: comma-separated phone numbers or chat IDs',
			},
			{ displayName: 'Download Media', name: 'downloadMedia', type: 'boolean', default: false, description: 'Whether to fetch the file of a received image, video, audio, document or sticker into binary data' },
			{ displayName: 'Include Provider Payload', name: 'includeRaw', type: 'boolean', default: false, description: 'Whether to add what WhatsApp Web reported under "raw"' },
			{ displayName: 'Put Media in Field', name: 'binaryPropertyName', type: 'string', default: 'data', description: 'The output binary field for downloaded media', displayOptions: { show: { downloadMedia: [true] } } },
		],
	},
];
