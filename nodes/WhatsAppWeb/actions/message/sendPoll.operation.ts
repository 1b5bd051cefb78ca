import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { chatField } from '../common/chat';
import { envelopeFromChatField, sendOnWeb, sendOptionsField } from '../common/send';
import { accountSessionField } from '../common/session';
import { buildPoll, pollFields } from '../content/poll';

export const description: INodeProperties[] = [accountSessionField, chatField, ...pollFields(), sendOptionsField({ withMentions: false, withQuote: true })];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	return sendOnWeb(this, itemIndex, buildPoll(this, itemIndex), envelopeFromChatField(this, itemIndex));
}
