import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { chatField } from '../common/chat';
import { envelopeFromChatField, sendOnWeb, sendOptionsField } from '../common/send';
import { accountSessionField } from '../common/session';
import { buildMedia, mediaFields } from '../content/media';

export const description: INodeProperties[] = [accountSessionField, chatField, ...mediaFields(), sendOptionsField({ withMentions: true, withQuote: true })];

/** An image, video, audio, voice note, document or sticker, from a binary file, a URL, base64 or another message. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	return sendOnWeb(this, itemIndex, await buildMedia(this, itemIndex), envelopeFromChatField(this, itemIndex));
}
