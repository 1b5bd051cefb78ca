import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { listQrCodes } from '../../../shared/transport/api/qrCodes';
import { senderField } from '../common/sender';
import { qrImageField, qrImageOf, qrNumberOf } from './qrFields';

export const description: INodeProperties[] = [senderField, { ...qrImageField, default: 'none' }];

/** One item per QR code of the number. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const phoneNumberId = await qrNumberOf(this, itemIndex);
	return (await listQrCodes(this, phoneNumberId, qrImageOf(this, itemIndex), itemIndex)).map((code) => ({ phoneNumberId, ...code }));
}
