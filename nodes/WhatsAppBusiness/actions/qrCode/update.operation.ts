import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { updateQrCode } from '../../../shared/transport/api/qrCodes';
import { senderField } from '../common/sender';
import { qrCodeField, qrCodeOf, qrMessageField, qrMessageOf, qrNumberOf } from './qrFields';

export const description: INodeProperties[] = [senderField, qrCodeField, qrMessageField];

/** A new message behind the same code: what is already printed keeps working. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const code = qrCodeOf(this, itemIndex);
	const message = qrMessageOf(this, itemIndex);
	const phoneNumberId = await qrNumberOf(this, itemIndex);
	return { phoneNumberId, ...(await updateQrCode(this, phoneNumberId, code, message, itemIndex)) };
}
