import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { listWebChannels } from '../../../shared/transport/api/webChannels';
import { accountSessionField, resolvedSessionNameOf } from '../common/session';

export const description: INodeProperties[] = [accountSessionField];

/** One item per channel the account owns, administers or follows. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const session = await resolvedSessionNameOf(this, itemIndex);
	return (await listWebChannels(this, session, itemIndex)).map((channel) => ({ session, ...channel }));
}
