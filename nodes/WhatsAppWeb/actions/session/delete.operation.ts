import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { deleteWebSession } from '../../../shared/transport/api/webSessions';
import { sessionField, sessionNameOf } from '../common/session';

export const description: INodeProperties[] = [sessionField];

/** Unlinks the phone, closes the browser and forgets the login and the session. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const name = sessionNameOf(this, itemIndex);
	await deleteWebSession(this, name, itemIndex);
	return { name, deleted: true };
}
