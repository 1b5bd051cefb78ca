import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { downloadMedia } from '../../../shared/transport/api/media';
import { senderField, senderOf } from '../common/sender';

export const mediaIdField: INodeProperties = {
	displayName: 'Media ID',
	name: 'mediaId',
	type: 'string',
	default: '',
	required: true,
	description: 'The ID from an upload, or the media ID of a received message (in the trigger output)',
};

export const description: INodeProperties[] = [
	senderField,
	mediaIdField,
	{ displayName: 'Put Output File in Field', name: 'binaryPropertyName', type: 'string', default: 'data', required: true, hint: 'The name of the output binary field to put the file in' },
];

/** The file itself, as n8n binary data (WhatsApp's own download gives a URL that expires in 5 minutes). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const mediaId = (this.getNodeParameter('mediaId', itemIndex) as string).trim();
	const property = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
	const media = await downloadMedia(this, mediaId, senderOf(this, itemIndex), itemIndex);
	const binary = await this.helpers.prepareBinaryData(media.content, media.filename, media.mimeType);
	return { json: { id: mediaId, mimeType: media.mimeType, size: media.content.length, ...(media.filename ? { filename: media.filename } : {}) }, binary: { [property]: binary } };
}
