import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { sendOnWeb, sendOptionsField } from '../common/send';
import { accountSessionField } from '../common/session';
import { buildMedia, mediaFields } from '../content/media';
import { buildText, textFields } from '../content/text';

/** WhatsApp's address for statuses: seen by your contacts for 24 hours. */
const STATUS_CHAT = 'status@broadcast';

export const description: INodeProperties[] = [
	accountSessionField,
	{
		displayName: 'Status Type',
		name: 'statusType',
		type: 'options',
		options: [
			{ name: 'Text', value: 'text' },
			{ name: 'Media', value: 'media', description: 'An image, video or audio, with a caption for images and videos' },
		],
		default: 'text',
	},
	...textFields({ statusType: ['text'] }),
	...mediaFields({ statusType: ['media'] }),
	sendOptionsField({ withMentions: false, withQuote: false }),
];

/** A status is text, an image, a video or audio; documents and stickers are refused naming the field, before sending. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const content = (this.getNodeParameter('statusType', itemIndex, 'text') as string) === 'text' ? buildText(this, itemIndex) : await buildMedia(this, itemIndex);
	if (content.type === 'document' || content.type === 'sticker') throw new NodeOperationError(this.getNode(), `Send As: a status is an image, a video or audio, not a ${content.type}`, { itemIndex });
	return sendOnWeb(this, itemIndex, content, { to: STATUS_CHAT });
}
