import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { deleteQrCode } from '../../../shared/transport/api/qrCodes';
import { senderField } from '../common/sender';
import { qrCodeField, qrCodeOf, qrNumberOf } from './qrFields';

export const description: INodeProperties[] = [senderField, qrCodeField];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const code = qrCodeOf(this, itemIndex);
	const phoneNumberId = await qrNumberOf(this, itemIndex);
	await deleteQrCode(this, phoneNumberId, code, itemIndex);
	return { phoneNumberId, code, deleted: true };
}
