import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { listCloudNumbers } from '../../../shared/transport/api/cloudNumbers';
import type { QrImage } from '../../../shared/transport/api/qrCodes';
import { senderOf } from '../common/sender';

/** WhatsApp's limit on a QR code's prefilled message. */
const MESSAGE_MAX = 140;

export const qrCodeField: INodeProperties = { displayName: 'QR Code', name: 'code', type: 'string', default: '', required: true, placeholder: 'ANED2T5QRU7HG1', description: 'The code, e.g. from QR Code › Create or Get Many' };

export const qrMessageField: INodeProperties = { displayName: 'Message', name: 'message', type: 'string', typeOptions: { rows: 2 }, default: '', required: true, description: 'The message the chat opens with, up to 140 characters' };

export const qrImageField: INodeProperties = {
	displayName: 'Image',
	name: 'image',
	type: 'options',
	options: [
		{ name: 'None', value: 'none' },
		{ name: 'PNG', value: 'png' },
		{ name: 'SVG', value: 'svg' },
	],
	default: 'png',
	description: "Also get a link to Meta's image of the QR code, in this format",
};

/** The number the codes belong to: the chosen one, or the tenant's default number. */
export async function qrNumberOf(context: IExecuteFunctions, itemIndex: number): Promise<string> {
	const chosen = senderOf(context, itemIndex);
	if (chosen) return chosen;
	const numbers = await listCloudNumbers(context);
	const number = numbers.find((candidate) => candidate.isDefault) ?? (numbers.length === 1 ? numbers[0] : undefined);
	if (!number) throw new NodeOperationError(context.getNode(), 'Sender Phone Number: choose the number the QR codes belong to', { itemIndex, description: numbers.length === 0 ? 'The tenant has no Cloud API number yet.' : 'The tenant has several numbers and none is the default.' });
	return number.phoneNumberId;
}

export function qrMessageOf(context: IExecuteFunctions, itemIndex: number): string {
	const message = String(context.getNodeParameter('message', itemIndex, '') ?? '').trim();
	if (message.length === 0 || message.length > MESSAGE_MAX) throw new NodeOperationError(context.getNode(), `Message: 1 to ${MESSAGE_MAX} characters (got ${message.length})`, { itemIndex });
	return message;
}

export function qrImageOf(context: IExecuteFunctions, itemIndex: number): QrImage | undefined {
	const image = context.getNodeParameter('image', itemIndex, 'none') as string;
	return image === 'svg' || image === 'png' ? image : undefined;
}

export function qrCodeOf(context: IExecuteFunctions, itemIndex: number): string {
	const code = String(context.getNodeParameter('code', itemIndex, '') ?? '').trim();
	if (!/^[A-Za-z0-9]{4,32}$/.test(code)) throw new NodeOperationError(context.getNode(), `QR Code: "${code}" is not a QR code`, { itemIndex, description: 'Codes look like ANED2T5QRU7HG1.' });
	return code;
}
