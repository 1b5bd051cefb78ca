import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** The picker's value for "whatever the tenant marked as default". */
export const DEFAULT_SENDER = 'default';

export const senderField: INodeProperties = {
	displayName: 'Sender Phone Number Name or ID',
	name: 'from',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getPhoneNumbers' },
	default: DEFAULT_SENDER,
	description:
		'The WhatsApp Business number to use. "Default" is the number the tenant marked as default. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const recipientField: INodeProperties = {
	displayName: "Recipient's Phone Number",
	name: 'to',
	type: 'string',
	default: '',
	required: true,
	placeholder: '+15551234567',
	description: 'International format, with or without + and spaces, or a WhatsApp ID',
};

/** The phone_number_id to send from, or undefined for the tenant's default number. */
export function senderOf(context: IExecuteFunctions, itemIndex: number): string | undefined {
	const from = String(context.getNodeParameter('from', itemIndex, DEFAULT_SENDER) ?? '').trim();
	return from === '' || from === DEFAULT_SENDER ? undefined : from;
}

export const trackingDataOption: INodeProperties = {
	displayName: 'Tracking Data',
	name: 'trackingData',
	type: 'string',
	default: '',
	description: 'Up to 512 characters that WhatsApp echoes back in this message\'s status events (Meta\'s biz_opaque_callback_data)',
};

export const idempotencyKeyOption: INodeProperties = {
	displayName: 'Idempotency Key',
	name: 'idempotencyKey',
	type: 'string',
	default: '',
	description:
		'Sends at most once per key within this node, across executions (e.g. an order ID). Empty: one key per execution, run and item, so retries of this node never send twice.',
};
