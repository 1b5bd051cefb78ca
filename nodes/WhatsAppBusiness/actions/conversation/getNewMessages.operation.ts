import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { returnAllFields } from '../../../shared/listFields';
import { newMessages } from '../../../shared/newMessages';
import type { OperationResult } from '../../../shared/router';

export const description: INodeProperties[] = [
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
	...returnAllFields,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{ displayName: 'Direction', name: 'direction', type: 'options', options: [{ name: 'Received', value: 'inbound' }, { name: 'Sent', value: 'outbound' }], default: 'inbound', description: 'Only messages received from contacts, or only messages sent to them' },
			{ displayName: 'Message Type', name: 'type', type: 'string', default: '', placeholder: 'text', description: 'Only messages of this type (text, image, audio, document, interactive, …)' },
			{ displayName: 'Phone Number ID', name: 'account', type: 'string', default: '', description: 'Only messages of this business number' },
		],
	},
];

/**
 * Cloud messages of every conversation, oldest first, as the service stored them: what arrived while no trigger was
 * listening, or a polling flow's next batch. A message is listed once it is two seconds old.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	return newMessages(this, itemIndex, 'cloud');
}
