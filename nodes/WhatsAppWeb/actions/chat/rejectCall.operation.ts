import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { rejectWebCall } from '../../../shared/transport/api/webChats';
import { accountSessionField, resolvedSessionNameOf } from '../common/session';

const CALL_ID = /^[A-Za-z0-9_.:-]{1,128}$/;

export const description: INodeProperties[] = [
	accountSessionField,
	{ displayName: 'Call ID', name: 'callId', type: 'string', default: '', required: true, placeholder: '4A2F8C1E9B7D6A5C3E1F0B9D8C7A6E5F', description: 'The "callId" of a Call Received event from the WhatsApp Web Trigger' },
];

/** Declines the call while it rings; outputs {success, callId, rejected}. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const callId = String(this.getNodeParameter('callId', itemIndex, '') ?? '').trim();
	if (!CALL_ID.test(callId)) throw new NodeOperationError(this.getNode(), `Call ID: "${callId}" is not a call ID`, { itemIndex, description: 'Use the callId of a Call Received event from the WhatsApp Web Trigger.' });
	const session = await resolvedSessionNameOf(this, itemIndex);
	return { session, ...(await rejectWebCall(this, session, callId, itemIndex)) };
}
