import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { createQrCode } from '../../../shared/transport/api/qrCodes';
import { senderField } from '../common/sender';
import { qrImageField, qrImageOf, qrMessageField, qrMessageOf, qrNumberOf } from './qrFields';

export const description: INodeProperties[] = [senderField, qrMessageField, qrImageField];

/** Scanning the code opens a chat with the number, the message typed in. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const message = qrMessageOf(this, itemIndex);
	const phoneNumberId = await qrNumberOf(this, itemIndex);
	return { phoneNumberId, ...(await createQrCode(this, phoneNumberId, message, qrImageOf(this, itemIndex), itemIndex)) };
}
