import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { chatField } from '../common/chat';
import { envelopeFromChatField, sendOnWeb, sendOptionsField } from '../common/send';
import { accountSessionField } from '../common/session';
import { buildText, textFields } from '../content/text';

export const description: INodeProperties[] = [accountSessionField, chatField, ...textFields(), sendOptionsField({ withMentions: true, withQuote: true })];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	return sendOnWeb(this, itemIndex, buildText(this, itemIndex), envelopeFromChatField(this, itemIndex));
}
