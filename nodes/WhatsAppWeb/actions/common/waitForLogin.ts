import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';
import { getWebSession, type WebSession } from '../../../shared/transport/api/webSessions';

const POLL_INTERVAL_MS = 1000;

export const waitSecondsField: INodeProperties = {
	displayName: 'Wait Up To (Seconds)',
	name: 'waitSeconds',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 300 },
	default: 30,
	description: 'A session just started needs a few seconds before WhatsApp offers a QR code. How long to wait for it; 0 asks once.',
};

/**
 * What the caller waits for: a QR code on offer, the login screen (QR code or pairing), a linked working session,
 * or whichever of a QR code and WORKING comes first (a start that may restore an earlier login).
 */
export type LoginStage = 'qrCode' | 'loginScreen' | 'working' | 'ready';

function reached(session: WebSession, stage: LoginStage): boolean {
	if (stage === 'working') return session.status === 'WORKING';
	if (stage === 'ready') return session.status === 'WORKING' || (session.status === 'SCAN_QR' && session.qr !== null);
	if (stage === 'qrCode') return session.status === 'SCAN_QR' && session.qr !== null;
	return session.status === 'SCAN_QR';
}

/**
 * Why waiting is pointless now, or undefined while the session is on its way. A start handed to the replica that
 * runs the session answers before that replica acts, so the failure it answered with (`staleFailureAt`, its
 * statusChangedAt) is old news until the status changes.
 */
function deadEnd(session: WebSession, stage: LoginStage, staleFailureAt: string | undefined): string | undefined {
	if ((stage === 'qrCode' || stage === 'loginScreen') && session.status === 'WORKING') return `Session "${session.name}" is already linked to ${session.me?.id ?? 'a phone'}: there is nothing to scan`;
	if (session.status === 'FAILED' && session.statusChangedAt !== staleFailureAt) return `Session "${session.name}" failed${session.reason ? `: ${session.reason}` : ''}`;
	// Right after a start the row may still say STOPPED; only a session nobody asked to run is stuck there.
	if (session.status === 'STOPPED' && session.desiredState === 'stopped') return `Session "${session.name}" is stopped${session.reason ? ` (${session.reason})` : ''}: start it first`;
	return undefined;
}

/**
 * Polls the session until it reaches the stage, fails, or the time is up. Sessions move on their own (the service
 * runs them), so this only reads; the error says where the session stands.
 */
export async function waitForStage(context: IExecuteFunctions, itemIndex: number, name: string, stage: LoginStage, waitSeconds: number, after?: WebSession): Promise<WebSession> {
	const staleFailureAt = after?.status === 'FAILED' ? after.statusChangedAt : undefined;
	const deadline = Date.now() + Math.max(0, waitSeconds) * 1000;
	for (;;) {
		const session = await getWebSession(context, name, itemIndex);
		if (reached(session, stage)) return session;
		const blocked = deadEnd(session, stage, staleFailureAt);
		if (blocked) throw new NodeOperationError(context.getNode(), blocked, { itemIndex, description: session.reason ?? undefined });
		if (Date.now() + POLL_INTERVAL_MS > deadline) {
			const goal = { working: 'WORKING', qrCode: 'a QR code (SCAN_QR)', loginScreen: 'the login screen (SCAN_QR)', ready: 'WORKING or a QR code' }[stage];
			throw new NodeOperationError(context.getNode(), `Session "${name}" did not reach ${goal} within ${waitSeconds} s; it is ${session.status}`, { itemIndex, description: 'Raise "Wait Up To (Seconds)", or check the session\'s status and reason (Session › Get).' });
		}
		await sleep(POLL_INTERVAL_MS);
	}
}
