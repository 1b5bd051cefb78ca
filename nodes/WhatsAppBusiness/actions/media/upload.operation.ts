import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { uploadMedia } from '../../../shared/transport/api/media';
import { senderField, senderOf } from '../common/sender';

export const description: INodeProperties[] = [
	{ ...senderField, description: 'Media belongs to a phone number; send it from the same one. ' + String(senderField.description) },
	{ displayName: 'Input Binary Field', name: 'binaryPropertyName', type: 'string', default: 'data', required: true, hint: 'The name of the input field holding the file to upload' },
	{
		displayName: 'Options',
		name: 'uploadOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{ displayName: 'Filename', name: 'filename', type: 'string', default: '', description: 'Overrides the binary file\'s name' },
			{ displayName: 'MIME Type', name: 'mimeType', type: 'string', default: '', placeholder: 'image/jpeg', description: 'Overrides the binary file\'s MIME type' },
		],
	},
];

/** Uploads a file to WhatsApp for later sends (media IDs live 30 days). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const property = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
	const options = this.getNodeParameter('uploadOptions', itemIndex, {}) as IDataObject;
	const binary = this.helpers.assertBinaryData(itemIndex, property);
	const content = await this.helpers.getBinaryDataBuffer(itemIndex, property);
	return uploadMedia(
		this,
		{
			from: senderOf(this, itemIndex),
			content,
			filename: String(options.filename ?? '').trim() || binary.fileName || `${property}.${binary.fileExtension ?? 'bin'}`,
			mimeType: String(options.mimeType ?? '').trim() || binary.mimeType,
		},
		itemIndex,
	);
}
