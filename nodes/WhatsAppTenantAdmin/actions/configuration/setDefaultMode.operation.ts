import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { setDefaultMode, type ChannelMode } from '../../../shared/transport/api/tenantConfig';
import { tenantField, tenantIdOf } from '../common/tenantLocator';

export const description: INodeProperties[] = [
	tenantField,
	{
		displayName: 'Default Mode',
		name: 'mode',
		type: 'options',
		options: [
			{ name: 'Cloud API', value: 'cloud', description: 'Send through the WhatsApp Business Cloud API (Meta)' },
			{ name: 'WhatsApp Web', value: 'web', description: 'Send through a linked WhatsApp Web session' },
		],
		default: 'cloud',
		description: 'Where messages sent with channel "default" go. The service refuses a channel that is not configured and healthy, and says why.',
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	return setDefaultMode(this, tenantIdOf(this, itemIndex), this.getNodeParameter('mode', itemIndex) as ChannelMode, itemIndex);
}
