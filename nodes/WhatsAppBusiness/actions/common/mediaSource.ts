import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { uploadMedia } from '../../../shared/transport/api/media';
import type { MediaSource } from '../../../shared/transport/api/messages';

export const MEDIA_MESSAGE_TYPES = ['image', 'video', 'audio', 'document', 'sticker'];

/** Where a media message's file comes from; shown for the media message types of an operation. */
export function mediaSourceFields(showFor: { messageType: string[] }): INodeProperties[] {
	return [
		{
			displayName: 'Take Media From',
			name: 'mediaSource',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: showFor },
			options: [
				{ name: 'Link', value: 'link', description: 'A public HTTPS URL that WhatsApp downloads' },
				{ name: 'WhatsApp Media ID', value: 'id', description: 'The ID of a file uploaded earlier (Media › Upload)' },
				{ name: 'N8n Binary File', value: 'binary', description: 'A file in the input item; uploaded first, then sent' },
			],
			default: 'link',
		},
		{
			displayName: 'Link',
			name: 'mediaLink',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://example.com/picture.jpg',
			displayOptions: { show: { ...showFor, mediaSource: ['link'] } },
		},
		{
			displayName: 'Media ID',
			name: 'mediaId',
			type: 'string',
			default: '',
			required: true,
			displayOptions: { show: { ...showFor, mediaSource: ['id'] } },
		},
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The name of the input field holding the file',
			displayOptions: { show: { ...showFor, mediaSource: ['binary'] } },
		},
	];
}

/** Uploads an input item's binary file to the service (for the given sender) and returns its media id and name. */
export async function uploadBinary(context: IExecuteFunctions, itemIndex: number, binaryPropertyName: string, from: string | undefined): Promise<{ id: string; filename: string; mimeType: string }> {
	const binary = context.helpers.assertBinaryData(itemIndex, binaryPropertyName);
	const content = await context.helpers.getBinaryDataBuffer(itemIndex, binaryPropertyName);
	const filename = binary.fileName ?? `${binaryPropertyName}.${binary.fileExtension ?? 'bin'}`;
	const uploaded = await uploadMedia(context, { from, content, filename, mimeType: binary.mimeType }, itemIndex);
	return { id: uploaded.id, filename, mimeType: binary.mimeType };
}

/** The media object of a send: link or id as given, or the id of the binary file just uploaded. */
export async function resolveMediaSource(context: IExecuteFunctions, itemIndex: number, from: string | undefined): Promise<MediaSource> {
	const source = context.getNodeParameter('mediaSource', itemIndex) as string;
	if (source === 'link') return { link: (context.getNodeParameter('mediaLink', itemIndex) as string).trim() };
	if (source === 'id') return { id: (context.getNodeParameter('mediaId', itemIndex) as string).trim() };
	if (source === 'binary') {
		const uploaded = await uploadBinary(context, itemIndex, context.getNodeParameter('binaryPropertyName', itemIndex) as string, from);
		return { id: uploaded.id, filename: uploaded.filename };
	}
	throw new NodeOperationError(context.getNode(), `Unknown media source "${source}"`, { itemIndex });
}

/** A header or parameter value that is either a URL or a media id. */
export function linkOrId(value: string): MediaSource {
	const trimmed = value.trim();
	return /^https?:\/\//i.test(trimmed) ? { link: trimmed } : { id: trimmed };
}
