import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { deleteMedia } from '../../../shared/transport/api/media';
import { senderField, senderOf } from '../common/sender';
import { mediaIdField } from './download.operation';

export const description: INodeProperties[] = [senderField, mediaIdField];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const mediaId = (this.getNodeParameter('mediaId', itemIndex) as string).trim();
	await deleteMedia(this, mediaId, senderOf(this, itemIndex), itemIndex);
	return { deleted: true, id: mediaId };
}
