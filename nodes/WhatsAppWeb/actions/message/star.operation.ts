import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { starWebMessage } from '../../../shared/transport/api/webChats';
import { messageIdField, messageIdOf } from '../common/chat';
import { accountSessionField, resolvedSessionNameOf } from '../common/session';

export const description: INodeProperties[] = [
	accountSessionField,
	messageIdField(),
	{ displayName: 'Starred', name: 'starred', type: 'boolean', default: true, description: 'Whether to star the message (off unstars it)' },
];

/** Outputs the message as it is now. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const message = messageIdOf(this, itemIndex);
	const starred = this.getNodeParameter('starred', itemIndex, true) as boolean;
	const session = await resolvedSessionNameOf(this, itemIndex);
	return { session, ...(await starWebMessage(this, session, message.id, starred, itemIndex)) };
}
