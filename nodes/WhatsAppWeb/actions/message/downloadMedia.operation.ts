import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { downloadWebMedia } from '../../../shared/transport/api/webChats';
import { messageIdField, messageIdOf } from '../common/chat';
import { accountSessionField, resolvedSessionNameOf } from '../common/session';

export const description: INodeProperties[] = [
	accountSessionField,
	messageIdField({ description: 'A message with an image, video, audio, document or sticker, e.g. the message ID from the WhatsApp Web Trigger' }),
	{ displayName: 'Put Output File in Field', name: 'binaryPropertyName', type: 'string', default: 'data', required: true, hint: 'The name of the output binary field to put the file in' },
];

/** The file of a message, as n8n binary data. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const message = messageIdOf(this, itemIndex);
	const session = await resolvedSessionNameOf(this, itemIndex);
	const media = await downloadWebMedia(this, session, message.id, itemIndex);
	const binary = await this.helpers.prepareBinaryData(media.content, media.filename, media.mimeType);
	const property = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
	return { json: { session, messageId: message.id, mimeType: media.mimeType, size: media.content.length, ...(media.filename ? { fileName: media.filename } : {}) }, binary: { [property]: binary } };
}
