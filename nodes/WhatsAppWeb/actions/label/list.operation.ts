import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { listWebLabels } from '../../../shared/transport/api/webChats';
import { accountSessionField, resolvedSessionNameOf } from '../common/session';

export const description: INodeProperties[] = [accountSessionField];

/** One item per label of the account (WhatsApp Business app accounts have labels; personal ones do not). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const session = await resolvedSessionNameOf(this, itemIndex);
	return (await listWebLabels(this, session, itemIndex)).map((label) => ({ session, ...label }));
}
