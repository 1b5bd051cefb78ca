import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { pinWebMessage, type PinDuration } from '../../../shared/transport/api/webChats';
import { messageIdField, messageIdOf } from '../common/chat';
import { accountSessionField, resolvedSessionNameOf } from '../common/session';

export const description: INodeProperties[] = [
	accountSessionField,
	messageIdField(),
	{ displayName: 'Pinned', name: 'pinned', type: 'boolean', default: true, description: 'Whether to pin the message at the top of its chat (off unpins it)' },
	{
		displayName: 'Duration',
		name: 'duration',
		type: 'options',
		default: '7d',
		description: 'How long it stays pinned; WhatsApp unpins it by itself afterwards',
		displayOptions: { show: { pinned: [true] } },
		options: [
			{ name: '24 Hours', value: '24h' },
			{ name: '7 Days', value: '7d' },
			{ name: '30 Days', value: '30d' },
		],
	},
	{
		displayName: 'A chat keeps three pinned messages: a fourth unpins the oldest. In a group where only admins edit the info, only admins may pin.',
		name: 'pinNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { pinned: [true] } },
	},
];

/** Outputs {success, messageId, pinned, expiresAt} (no expiresAt when unpinned). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const message = messageIdOf(this, itemIndex);
	const pinned = this.getNodeParameter('pinned', itemIndex, true) as boolean;
	const session = await resolvedSessionNameOf(this, itemIndex);
	const pin = pinned ? { pinned: true as const, duration: this.getNodeParameter('duration', itemIndex, '7d') as PinDuration } : { pinned: false as const };
	return { session, ...(await pinWebMessage(this, session, message.id, pin, itemIndex)) };
}
