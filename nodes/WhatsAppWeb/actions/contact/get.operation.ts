import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { getWebContact } from '../../../shared/transport/api/webChats';
import { toUserId } from '../common/chat';
import { accountSessionField, resolvedSessionNameOf } from '../common/session';

export const description: INodeProperties[] = [
	accountSessionField,
	{ displayName: 'Phone Number', name: 'contactId', type: 'string', default: '', required: true, placeholder: '+1 202 555 0108', description: 'In international format, or a user ID (…@c.us), e.g. the trigger\'s "from"' },
];

/** Names, business flag, blocked, About and profile picture URL (what the person's privacy settings show). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const raw = String(this.getNodeParameter('contactId', itemIndex, '') ?? '').trim();
	const contactId = toUserId(raw);
	if (!contactId) throw new NodeOperationError(this.getNode(), `Phone Number: "${raw}" is not a phone number or a user ID`, { itemIndex });
	const session = await resolvedSessionNameOf(this, itemIndex);
	return { session, ...(await getWebContact(this, session, contactId, itemIndex)) };
}
