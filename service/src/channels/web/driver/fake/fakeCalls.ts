import { randomBytes } from 'node:crypto';
import type { WebCall, WebCalls } from '../webCalls';
import { WebDriverError } from '../webDriverError';
import { nowSeconds } from './fakeIds';

/** How long WhatsApp lets a call ring before it counts as missed. */
export const RING_SECONDS = 45;

/** Calls for the fake driver: the phone's side rings (a `call` event), the session may decline while it rings. */
export class FakeCalls implements WebCalls {
	private readonly ringing = new Map<string, WebCall>();
	/** Declined calls, newest last (what the caller saw declined). */
	readonly declined: WebCall[] = [];

	constructor(
		private readonly requireReady: () => void,
		private readonly announce: (call: WebCall) => void,
	) {}

	/** Someone calls this account; the session hears it as a `call` event. */
	ring(spec: { from: string; isVideo?: boolean; isGroup?: boolean }): WebCall {
		this.requireReady();
		const call: WebCall = { id: randomBytes(16).toString('hex').toUpperCase(), from: spec.from, isVideo: spec.isVideo === true, isGroup: spec.isGroup === true, timestamp: nowSeconds() };
		this.ringing.set(call.id, call);
		this.announce(call);
		return call;
	}

	async rejectCall(callId: string): Promise<void> {
		this.requireReady();
		const call = this.ringing.get(callId);
		this.ringing.delete(callId);
		if (!call || nowSeconds() - call.timestamp > RING_SECONDS) throw new WebDriverError('call_not_found', `no call ${callId} is ringing`);
		this.declined.push(call);
	}
}
