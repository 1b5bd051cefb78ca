import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** What WhatsApp takes as a profile or group picture. */
const PICTURE_TYPES = ['image/jpeg', 'image/png'];

/** A JPEG or PNG from the item's binary field, as the service takes it; another type fails naming `label`. */
export async function pictureFromBinary(context: IExecuteFunctions, itemIndex: number, property: string, label: string): Promise<{ base64: string; mimeType: string }> {
	const binary = context.helpers.assertBinaryData(itemIndex, property);
	if (!PICTURE_TYPES.includes(binary.mimeType)) throw new NodeOperationError(context.getNode(), `${label}: a JPEG or PNG, not ${binary.mimeType}`, { itemIndex });
	return { base64: (await context.helpers.getBinaryDataBuffer(itemIndex, property)).toString('base64'), mimeType: binary.mimeType };
}
