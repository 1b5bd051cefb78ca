import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { blockedPeople } from '../../../shared/actions/blocklist';
import type { OperationResult } from '../../../shared/router';
import { senderField, senderOf } from '../common/sender';

export const description: INodeProperties[] = [senderField];

/** One item per blocked WhatsApp ID of the number. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	return blockedPeople(this, itemIndex, 'cloud', senderOf(this, itemIndex));
}
