import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { MediaSource, MessageContent } from '../../../shared/transport/api/messages';
import { checkedMessageId } from '../common/chat';
import { shownWhen, type ShowWhen } from './showWhen';

type MediaKind = 'image' | 'video' | 'audio' | 'document' | 'sticker';

const EXTENSION_KINDS: Record<string, MediaKind> = {
	jpg: 'image', jpeg: 'image', png: 'image', webp: 'image', gif: 'image',
	mp4: 'video', '3gp': 'video', mov: 'video',
	mp3: 'audio', ogg: 'audio', opus: 'audio', m4a: 'audio', aac: 'audio', amr: 'audio', wav: 'audio',
};

export function mediaFields(when?: ShowWhen): INodeProperties[] {
	return shownWhen(
		[
			{
				displayName: 'Take Media From',
				name: 'mediaSource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Binary File', value: 'binary', description: 'A file in the input item' },
					{ name: 'URL', value: 'url', description: 'The service downloads it' },
					{ name: 'Base64', value: 'base64', description: 'The file content, base64-encoded' },
					{ name: 'Media of a Message', value: 'message', description: 'Send again the file of a message this session received or sent' },
				],
				default: 'binary',
			},
			{ displayName: 'Input Binary Field', name: 'binaryPropertyName', type: 'string', default: 'data', required: true, hint: 'The name of the input field holding the file', displayOptions: { show: { mediaSource: ['binary'] } } },
			{ displayName: 'URL', name: 'mediaUrl', type: 'string', default: '', required: true, placeholder: 'https://example.com/invoice.pdf', displayOptions: { show: { mediaSource: ['url'] } } },
			{ displayName: 'Base64 Content', name: 'mediaBase64', type: 'string', typeOptions: { rows: 3 }, default: '', required: true, description: 'Plain base64, without a data: prefix', displayOptions: { show: { mediaSource: ['base64'] } } },
			{ displayName: 'MIME Type', name: 'mediaMimeType', type: 'string', default: '', required: true, placeholder: 'application/pdf', displayOptions: { show: { mediaSource: ['base64'] } } },
			{ displayName: 'Message ID', name: 'sourceMessageId', type: 'string', default: '', required: true, placeholder: 'false_12025550108@c.us_3EB0C767D26A1D8F4B', description: 'The message whose file to send', displayOptions: { show: { mediaSource: ['message'] } } },
			{
				displayName: 'Send As',
				name: 'sendAs',
				type: 'options',
				options: [
					{ name: 'Audio', value: 'audio' },
					{ name: 'Automatic', value: 'auto', description: "Image, video, audio or document, by the file's type" },
					{ name: 'Document', value: 'document', description: 'A file to download, even for pictures (no compression)' },
					{ name: 'Image', value: 'image' },
					{ name: 'Sticker', value: 'sticker' },
					{ name: 'Video', value: 'video' },
					{ name: 'Voice Note', value: 'voice', description: 'Audio shown as recorded on the phone' },
				],
				default: 'auto',
			},
			{ displayName: 'Caption', name: 'caption', type: 'string', typeOptions: { rows: 2 }, default: '', description: 'Text under the image, video or document', displayOptions: { hide: { sendAs: ['audio', 'voice', 'sticker'] } } },
			{
				displayName: 'Media Details',
				name: 'mediaDetails',
				type: 'collection',
				placeholder: 'Add Detail',
				default: {},
				options: [
					{ displayName: 'File Name', name: 'fileName', type: 'string', default: '', placeholder: 'invoice-42.pdf', description: 'The name shown for a document; defaults to the binary file name' },
					{ displayName: 'MIME Type (URL)', name: 'mimeType', type: 'string', default: '', placeholder: 'image/jpeg', description: "Overrides the type the URL's server reports" },
				],
			},
		],
		when,
	);
}

function kindOfMime(mimeType: string | undefined): MediaKind | undefined {
	if (!mimeType) return undefined;
	if (mimeType.startsWith('image/')) return 'image';
	if (mimeType.startsWith('video/')) return 'video';
	if (mimeType.startsWith('audio/')) return 'audio';
	return 'document';
}

function kindOfUrl(url: string): MediaKind | undefined {
	const extension = /\.([a-z0-9]{2,5})(?:[?#]|$)/i.exec(url)?.[1]?.toLowerCase();
	return extension ? (EXTENSION_KINDS[extension] ?? 'document') : undefined;
}

/**
 * The file and how to present it. "Automatic" picks by MIME type (or a URL's extension); where neither is known
 * it asks for an image, which WhatsApp Web presents by the file's real type anyway (documents and stickers are
 * the only presentations it does not infer).
 */
export async function buildMedia(context: IExecuteFunctions, itemIndex: number): Promise<MessageContent> {
	const source = context.getNodeParameter('mediaSource', itemIndex) as string;
	const sendAs = context.getNodeParameter('sendAs', itemIndex, 'auto') as string;
	const details = context.getNodeParameter('mediaDetails', itemIndex, {}) as IDataObject;
	const fileName = String(details.fileName ?? '').trim() || undefined;
	const media: MediaSource = {};
	let knownKind: MediaKind | undefined;

	if (source === 'binary') {
		const property = context.getNodeParameter('binaryPropertyName', itemIndex) as string;
		const binary = context.helpers.assertBinaryData(itemIndex, property);
		const content = await context.helpers.getBinaryDataBuffer(itemIndex, property);
		media.base64 = content.toString('base64');
		media.mimeType = binary.mimeType;
		media.filename = fileName ?? binary.fileName;
		knownKind = kindOfMime(binary.mimeType);
	} else if (source === 'url') {
		const url = (context.getNodeParameter('mediaUrl', itemIndex) as string).trim();
		if (!/^https?:\/\/\S+$/i.test(url)) throw new NodeOperationError(context.getNode(), `URL: "${url}" is not an http(s) URL`, { itemIndex });
		media.link = url;
		const mimeType = String(details.mimeType ?? '').trim() || undefined;
		if (mimeType) media.mimeType = mimeType;
		if (fileName) media.filename = fileName;
		knownKind = kindOfMime(mimeType) ?? kindOfUrl(url);
	} else if (source === 'base64') {
		const base64 = (context.getNodeParameter('mediaBase64', itemIndex) as string).replace(/\s/g, '');
		const mimeType = (context.getNodeParameter('mediaMimeType', itemIndex) as string).trim();
		if (base64.startsWith('data:')) throw new NodeOperationError(context.getNode(), 'Base64 Content: remove the "data:…;base64," prefix', { itemIndex });
		if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) throw new NodeOperationError(context.getNode(), 'Base64 Content: is not base64', { itemIndex });
		if (!/^[\w.+-]+\/[\w.+-]+$/.test(mimeType)) throw new NodeOperationError(context.getNode(), `MIME Type: "${mimeType}" is not a MIME type like image/png`, { itemIndex });
		Object.assign(media, { base64, mimeType }, fileName ? { filename: fileName } : {});
		knownKind = kindOfMime(mimeType);
	} else if (source === 'message') {
		media.id = checkedMessageId(context, itemIndex, context.getNodeParameter('sourceMessageId', itemIndex), 'Message ID').id;
		if (fileName) media.filename = fileName;
	} else {
		throw new NodeOperationError(context.getNode(), `Take Media From: unknown source "${source}"`, { itemIndex });
	}

	const kind: MediaKind = sendAs === 'auto' ? (knownKind ?? 'image') : sendAs === 'voice' ? 'audio' : (sendAs as MediaKind);
	if (sendAs === 'voice') media.voice = true;
	const caption = ['image', 'video', 'document'].includes(kind) ? String(context.getNodeParameter('caption', itemIndex, '') ?? '').trim() : '';
	if (caption) media.caption = caption;
	// WhatsApp shows a file name only on documents.
	if (kind !== 'document') delete media.filename;
	return { type: kind, [kind]: media };
}
