import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { getQrPng, getQrText } from '../../../shared/transport/api/webSessions';
import { sessionField, sessionNameOf } from '../common/session';
import { waitForStage, waitSecondsField } from '../common/waitForLogin';

export const description: INodeProperties[] = [
	sessionField,
	{
		displayName: 'Format',
		name: 'format',
		type: 'options',
		options: [
			{ name: 'PNG Image (Binary)', value: 'png', description: 'A picture to send by email or chat, or to show on a page' },
			{ name: 'Data URL', value: 'dataurl', description: 'A data:image/png;base64 URL in the JSON, for an HTML image tag' },
			{ name: 'Raw Text', value: 'raw', description: 'The text inside the QR code, to render it yourself' },
		],
		default: 'png',
	},
	{ displayName: 'Put Output File in Field', name: 'binaryPropertyName', type: 'string', default: 'data', required: true, hint: 'The name of the output binary field to put the image in', displayOptions: { show: { format: ['png'] } } },
	waitSecondsField,
	{
		displayName: 'Scan it with WhatsApp on the phone: Settings › Linked devices › Link a device. A code is replaced about every 20 seconds, so use it at once.',
		name: 'scanNotice',
		type: 'notice',
		default: '',
	},
];

/** The QR code on offer; waits (up to the set time) for a session that is still starting to show one. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const name = sessionNameOf(this, itemIndex);
	const session = await waitForStage(this, itemIndex, name, 'qrCode', this.getNodeParameter('waitSeconds', itemIndex, 30) as number);
	const format = this.getNodeParameter('format', itemIndex, 'png') as 'png' | 'dataurl' | 'raw';
	if (format !== 'png') {
		const qr = await getQrText(this, name, format, itemIndex);
		return { session: name, status: session.status, ...qr };
	}
	const png = await getQrPng(this, name, itemIndex);
	const binary = await this.helpers.prepareBinaryData(png, `${name}-qr.png`, 'image/png');
	const property = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
	return { json: { session: name, status: session.status, format, rotation: session.qr?.rotation ?? null, maxRotations: session.qr?.maxRotations ?? null }, binary: { [property]: binary } };
}
