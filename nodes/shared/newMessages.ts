import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { requestedLimit, returnAllFields } from './listFields';
import { listStoredMessages } from './transport/api/conversations';

const MESSAGE_ID = /^msg_[0-9a-z]{26}$/;

/** Where "Get New Messages" starts, the same in both nodes. */
const newMessagesStartFields: INodeProperties[] = [
	{
		displayName: 'Start',
		name: 'start',
		type: 'options',
		options: [
			{ name: 'After a Message', value: 'after', description: 'Messages stored after the one given (the last one a previous run processed)' },
			{ name: 'From a Time', value: 'since', description: 'Messages stored at or after a date and time' },
			{ name: 'From the Beginning', value: 'beginning', description: 'Every stored message, oldest first' },
		],
		default: 'after',
		description: 'Where the list starts',
	},
	{ displayName: 'Message ID', name: 'after', type: 'string', default: '', required: true, placeholder: 'msg_01hx…', description: 'The service\'s ID of the last message already processed, e.g. the ID of the last item of the previous run', displayOptions: { show: { start: ['after'] } } },
	{ displayName: 'Since', name: 'since', type: 'dateTime', default: '', required: true, description: 'Messages stored at or after this time', displayOptions: { show: { start: ['since'] } } },
];

/** The filters both nodes offer; each adds its own account filter (business number or session). */
const newMessagesFilterOptions: INodeProperties[] = [
	{ displayName: 'Direction', name: 'direction', type: 'options', options: [{ name: 'Received', value: 'inbound' }, { name: 'Sent', value: 'outbound' }], default: 'inbound', description: 'Only messages received from contacts, or only messages sent to them' },
	{ displayName: 'Message Type', name: 'type', type: 'string', default: '', placeholder: 'text', description: 'Only messages of this type (text, image, audio, document, …)' },
];

/** The fields of "Get New Messages": where to start, how many, and the filters with the node's own account filter (named `account`). */
export function newMessagesDescription(accountFilter: INodeProperties): INodeProperties[] {
	return [
		...newMessagesStartFields,
		...returnAllFields,
		{ displayName: 'Filters', name: 'filters', type: 'collection', placeholder: 'Add Filter', default: {}, options: [...newMessagesFilterOptions, accountFilter] },
	];
}

/**
 * "Get New Messages" of both nodes: where to start (after a message, from a time, or from the beginning) and the
 * filters, as GET /v1/messages takes them, on the node's channel.
 */
export async function newMessages(context: IExecuteFunctions, itemIndex: number, channel: 'cloud' | 'web'): Promise<IDataObject[]> {
	const query: IDataObject = { channel };
	const start = context.getNodeParameter('start', itemIndex) as 'after' | 'since' | 'beginning';
	if (start === 'after') {
		const after = String(context.getNodeParameter('after', itemIndex) ?? '').trim();
		if (!MESSAGE_ID.test(after)) throw new NodeOperationError(context.getNode(), `Message ID must be one of the service's message IDs (msg_ and 26 letters or digits), not "${after}"`, { itemIndex, description: "Use the id of the last message a previous run returned, or a sent message's id" });
		query.after = after;
	} else if (start === 'since') {
		const raw = context.getNodeParameter('since', itemIndex) as unknown;
		const since = new Date(String(raw ?? ''));
		if (raw === '' || raw === null || Number.isNaN(since.getTime())) throw new NodeOperationError(context.getNode(), `Since must be a date and time, not "${String(raw ?? '')}"`, { itemIndex });
		query.since = since.toISOString();
	}
	const filters = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	for (const key of ['account', 'direction', 'type']) if (String(filters[key] ?? '').trim()) query[key] = String(filters[key]).trim();
	return listStoredMessages(context, query, requestedLimit(context, itemIndex), itemIndex);
}
