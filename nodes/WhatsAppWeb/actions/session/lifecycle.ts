import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { Operation, OperationResult } from '../../../shared/router';
import { actOnWebSession, type WebSessionAction } from '../../../shared/transport/api/webSessions';
import { sessionField, sessionNameOf } from '../common/session';
import { waitForStage, waitSecondsField } from '../common/waitForLogin';

/** start and restart may wait for the session to be ready: its login screen, or WORKING when it was linked before. */
function waitFields(): INodeProperties[] {
	return [
		{
			displayName: 'Wait Until',
			name: 'waitUntil',
			type: 'options',
			options: [
				{ name: 'Do Not Wait', value: 'none', description: 'Answer the session as it is right after the request' },
				{ name: 'Ready', value: 'ready', description: 'WORKING, or showing a QR code to scan' },
				{ name: 'Working', value: 'working', description: 'Linked and able to send; a session showing a QR code waits for the scan' },
			],
			default: 'none',
		},
		{ ...waitSecondsField, displayOptions: { hide: { waitUntil: ['none'] } } },
	];
}

/** start, stop, restart and logout: the same call to the service, with waiting where it makes sense. */
export function lifecycleOperation(action: WebSessionAction): Operation {
	const waits = action === 'start' || action === 'restart';
	return {
		description: [sessionField, ...(waits ? waitFields() : [])],
		async execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
			const name = sessionNameOf(this, itemIndex);
			const session = await actOnWebSession(this, name, action, itemIndex);
			const waitUntil = waits ? (this.getNodeParameter('waitUntil', itemIndex, 'none') as string) : 'none';
			if (waitUntil === 'none') return session;
			return waitForStage(this, itemIndex, name, waitUntil === 'working' ? 'working' : 'ready', this.getNodeParameter('waitSeconds', itemIndex, 30) as number, session);
		},
	};
}
