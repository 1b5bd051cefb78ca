import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { withFieldLabels, type FieldLabels } from '../../../shared/fieldLabels';
import type { OperationResult } from '../../../shared/router';
import { pushCloudConnection, type CloudConnectionInput } from '../../../shared/transport/api/cloudConnection';
import { tenantField, tenantIdOf } from '../common/tenantLocator';

export const description: INodeProperties[] = [
	{
		displayName: 'Sends the Meta app, WhatsApp Business Account and token of the "WhatsApp Business Cloud (Meta) API" credential to the service for this tenant. The service checks the token with Meta first, then registers the app and the account\'s numbers. Running it again changes nothing; after a new token or secret it rotates them.',
		name: 'pushNotice',
		type: 'notice',
		default: '',
	},
	tenantField,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{ displayName: 'Graph API Version', name: 'graphApiVersion', type: 'string', default: '', placeholder: 'v23.0', description: "Pin the app to this Graph API version; empty for the service's default" },
			{ displayName: 'Only These Phone Number IDs', name: 'phoneNumberIds', type: 'string', default: '', placeholder: '106540352242922, 106540352242923', description: "Comma-separated phone_number_ids to register; empty for every number of the account" },
			{ displayName: 'Subscribe App to the Account', name: 'subscribeApp', type: 'boolean', default: true, description: "Whether to subscribe the Meta app to the account's webhooks; without it Meta sends nothing for production numbers (only the test number works)" },
			{ displayName: 'Throughput (Messages per Second)', name: 'throughputPerSecond', type: 'number', typeOptions: { minValue: 1, maxValue: 1000 }, default: 80, description: 'How fast each number may send (Meta allows 80 by default, up to 1,000)' },
		],
	},
];

/** Most of what is pushed comes from the Meta credential, so a refused field points there. */
const PUSH_FIELD_LABELS: FieldLabels = [
	[/^body\.appId$/, 'App ID in the Meta credential'],
	[/^body\.appSecret$/, 'App Secret in the Meta credential'],
	[/^body\.wabaId$/, 'WhatsApp Business Account ID in the Meta credential'],
	[/^body\.accessToken$/, 'Access Token in the Meta credential'],
	[/^body\.verifyToken$/, 'Verify Token in the Meta credential'],
	[/^body\.phoneNumberIds/, 'Only These Phone Number IDs'],
	[/^body\.throughputPerSecond$/, 'Throughput'],
	[/^body\.graphApiVersion$/, 'Graph API Version'],
];

function phoneNumberIdsOf(context: IExecuteFunctions, raw: unknown, itemIndex: number): string[] | undefined {
	const ids = String(raw ?? '')
		.split(/[,;\n]+/)
		.map((id) => id.trim())
		.filter(Boolean);
	const wrong = ids.filter((id) => !/^[0-9]{1,32}$/.test(id));
	if (wrong.length > 0) throw new NodeOperationError(context.getNode(), `Only These Phone Number IDs: ${wrong.join(', ')} is not a phone number ID`, { itemIndex, description: "Phone number IDs are Meta's numeric ids (WhatsApp Manager › Phone numbers), not the phone numbers themselves." });
	return ids.length > 0 ? ids : undefined;
}

/** The Meta credential goes to the service (which encrypts it); the output says where Meta must send webhooks. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const tenantId = tenantIdOf(this, itemIndex);
	const meta = await this.getCredentials('whatsAppBusinessCloudApi', itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const text = (value: unknown) => String(value ?? '').trim();
	const input: CloudConnectionInput = { appId: text(meta.appId), appSecret: text(meta.appSecret), wabaId: text(meta.wabaId), accessToken: text(meta.accessToken) };
	if (text(meta.verifyToken)) input.verifyToken = text(meta.verifyToken);
	if (text(options.graphApiVersion)) input.graphApiVersion = text(options.graphApiVersion);
	const phoneNumberIds = phoneNumberIdsOf(this, options.phoneNumberIds, itemIndex);
	if (phoneNumberIds) input.phoneNumberIds = phoneNumberIds;
	if (typeof options.throughputPerSecond === 'number') input.throughputPerSecond = options.throughputPerSecond;
	if (options.subscribeApp === false) input.subscribeApp = false;
	const connection = await pushCloudConnection(this, tenantId, input, itemIndex).catch((error: unknown) => {
		throw withFieldLabels(error, PUSH_FIELD_LABELS);
	});
	return {
		tenantId,
		// What to paste into the Meta app's webhook settings. The verify token is in full only when the service
		// generated it just now (the credential had none); otherwise it is masked and the credential's applies.
		webhookUrl: connection.metaApp.webhookUrl,
		verifyToken: connection.metaApp.verifyToken,
		metaApp: connection.metaApp,
		numbers: connection.numbers,
		...(connection.subscription ? { subscription: connection.subscription } : {}),
	};
}
