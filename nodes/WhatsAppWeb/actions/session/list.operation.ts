import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { listWebSessions, type WebSessionStatus } from '../../../shared/transport/api/webSessions';

const STATUSES: WebSessionStatus[] = ['FAILED', 'SCAN_QR', 'STARTING', 'STOPPED', 'WORKING'];

export const description: INodeProperties[] = [
	{
		displayName: 'Only With Status',
		name: 'statuses',
		type: 'multiOptions',
		options: STATUSES.map((status) => ({ name: status, value: status })),
		default: [],
		description: 'Only sessions in these statuses (e.g. FAILED and STOPPED to find the ones to look at); none selected means all',
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const statuses = this.getNodeParameter('statuses', itemIndex, []) as string[];
	const sessions = await listWebSessions(this, itemIndex);
	return statuses.length === 0 ? sessions : sessions.filter((session) => statuses.includes(session.status));
}
