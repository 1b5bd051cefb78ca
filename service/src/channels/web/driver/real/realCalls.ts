import type { Call } from 'whatsapp-web.js';
import type { WebCall, WebCalls } from '../webCalls';
import { WebDriverError } from '../webDriverError';
import { libraryCall } from './libraryCall';

/** Calls kept for declining: a call rings for under a minute, so the newest few are plenty. */
const KEPT_CALLS = 64;

/**
 * Calls through whatsapp-web.js: the library hands a Call object to its `call` event and declining needs that object
 * (Call.reject), so the latest ones are kept by id.
 */
export class RealCalls implements WebCalls {
	private readonly calls = new Map<string, Call>();

	/** A ringing call from the library: kept for rejectCall, answered as the driver's snapshot. */
	offered(call: Call): WebCall {
		this.calls.set(call.id, call);
		if (this.calls.size > KEPT_CALLS) this.calls.delete(this.calls.keys().next().value as string);
		return { id: call.id, from: call.from ?? '', isVideo: call.isVideo === true, isGroup: call.isGroup === true, timestamp: Number(call.timestamp) || Math.floor(Date.now() / 1000) };
	}

	async rejectCall(callId: string): Promise<void> {
		const call = this.calls.get(callId);
		if (!call) throw new WebDriverError('call_not_found', `no call ${callId} is ringing`);
		this.calls.delete(callId);
		await libraryCall(`declining call ${callId}`, () => call.reject());
	}
}
