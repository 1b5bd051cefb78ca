import type { INodeProperties, IWebhookDescription } from 'n8n-workflow';
import { recipientField, senderField } from '../actions/common/sender';

/**
 * The waiting webhook n8n resumes the execution through. The service POSTs the user's reply (or the timeout) to
 * the node's signed resume URL, whose path ends in the node id.
 */
export const sendAndWaitWebhooks: IWebhookDescription[] = [
	{
		name: 'default',
		httpMethod: 'POST',
		responseMode: 'onReceived',
		responseData: '',
		path: '={{ $nodeId }}',
		restartWebhook: true,
		isFullPath: true,
	},
];

export const sendAndWaitFields: INodeProperties[] = [
	{
		displayName: 'The reply comes back through the WhatsApp service: the user answers in WhatsApp (a button, a list row or a text), not through a link. Interactive messages need an open 24-hour conversation window.',
		name: 'sendAndWaitNotice',
		type: 'notice',
		default: '',
	},
	senderField,
	recipientField,
	{ displayName: 'Message', name: 'message', type: 'string', typeOptions: { rows: 4 }, default: '', required: true, description: 'The question to ask (up to 1024 characters)' },
	{
		displayName: 'Response Type',
		name: 'responseType',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Approval', value: 'approval', description: 'Approve (and optionally decline) buttons' },
			{ name: 'Choice', value: 'choice', description: 'Your own options: buttons for up to 3, a list for up to 10' },
			{ name: 'Free Text', value: 'freeText', description: 'Whatever the user writes back' },
		],
		default: 'approval',
	},
	{
		displayName: 'Approval Options',
		name: 'approvalOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { responseType: ['approval'] } },
		options: [
			{
				displayName: 'Type of Approval',
				name: 'approvalType',
				type: 'options',
				options: [
					{ name: 'Approve Only', value: 'single' },
					{ name: 'Approve and Decline', value: 'double' },
				],
				default: 'double',
			},
			{ displayName: 'Approve Button Label', name: 'approveLabel', type: 'string', default: 'Approve', description: 'Up to 20 characters' },
			{ displayName: 'Decline Button Label', name: 'disapproveLabel', type: 'string', default: 'Decline', description: 'Up to 20 characters', displayOptions: { show: { approvalType: ['double'] } } },
		],
	},
	{
		displayName: 'Choices',
		name: 'choices',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Choice',
		default: {},
		displayOptions: { show: { responseType: ['choice'] } },
		options: [
			{
				displayName: 'Choice',
				name: 'choice',
				values: [
					{ displayName: 'Label', name: 'label', type: 'string', default: '', required: true, description: 'Up to 20 characters on a button, 24 in a list' },
					{ displayName: 'Description', name: 'description', type: 'string', default: '', description: 'Shown under the label (lists only; up to 72 characters)' },
				],
			},
		],
	},
	{
		displayName: 'Options',
		name: 'waitOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{ displayName: 'Footer Text', name: 'footer', type: 'string', default: '', description: 'Small print under the question (buttons and lists; up to 60 characters)' },
			{ displayName: 'Header Text', name: 'header', type: 'string', default: '', description: 'A title above the question (buttons and lists; up to 60 characters)' },
			{
				displayName: 'Idempotency Key',
				name: 'idempotencyKey',
				type: 'string',
				default: '',
				description: 'Asks at most once per key within this node, across executions. Empty: once per execution.',
			},
			{
				displayName: 'Limit Wait Time',
				name: 'limitWaitTime',
				type: 'fixedCollection',
				description: 'Stop waiting after a while; the node then outputs a result with "timedOut": true',
				default: { values: { limitType: 'afterTimeInterval', resumeAmount: 1, resumeUnit: 'hours' } },
				options: [
					{
						displayName: 'Values',
						name: 'values',
						values: [
							{
								displayName: 'Limit Type',
								name: 'limitType',
								type: 'options',
								default: 'afterTimeInterval',
								options: [
									{ name: 'After Time Interval', value: 'afterTimeInterval', description: 'Waits for a certain amount of time' },
									{ name: 'At Specified Time', value: 'atSpecifiedTime', description: 'Waits until a set date and time' },
								],
							},
							{ displayName: 'Amount', name: 'resumeAmount', type: 'number', default: 1, typeOptions: { minValue: 0, numberPrecision: 2 }, displayOptions: { show: { limitType: ['afterTimeInterval'] } } },
							{
								displayName: 'Unit',
								name: 'resumeUnit',
								type: 'options',
								default: 'hours',
								options: [
									{ name: 'Minutes', value: 'minutes' },
									{ name: 'Hours', value: 'hours' },
									{ name: 'Days', value: 'days' },
								],
								displayOptions: { show: { limitType: ['afterTimeInterval'] } },
							},
							{ displayName: 'Max Date and Time', name: 'maxDateAndTime', type: 'dateTime', default: '', displayOptions: { show: { limitType: ['atSpecifiedTime'] } } },
						],
					},
				],
			},
			{ displayName: 'List Button Text', name: 'listButtonText', type: 'string', default: 'Choose', description: 'The button that opens the list of choices (up to 20 characters)' },
			{
				displayName: 'Use a List',
				name: 'useList',
				type: 'boolean',
				default: false,
				description: 'Whether to offer the choices as a list even when 3 buttons would do',
			},
		],
	},
];
