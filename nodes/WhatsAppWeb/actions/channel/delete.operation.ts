import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { deleteWebChannel } from '../../../shared/transport/api/webChannels';
import { accountSessionField, resolvedSessionNameOf } from '../common/session';
import { channelIdField, channelIdOf } from './channelFields';

export const description: INodeProperties[] = [accountSessionField, channelIdField];

/** Deletes a channel the account owns; outputs {success, channelId, deleted}. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const channelId = channelIdOf(this, itemIndex);
	const session = await resolvedSessionNameOf(this, itemIndex);
	return { session, ...(await deleteWebChannel(this, session, channelId, itemIndex)) };
}
