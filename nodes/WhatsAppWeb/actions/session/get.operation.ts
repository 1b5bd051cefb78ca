import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { getWebSession } from '../../../shared/transport/api/webSessions';
import { sessionField, sessionNameOf } from '../common/session';

export const description: INodeProperties[] = [sessionField];

/** Status (STOPPED, STARTING, SCAN_QR, WORKING, FAILED) with its reason, login method, linked account. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	return getWebSession(this, sessionNameOf(this, itemIndex), itemIndex);
}
