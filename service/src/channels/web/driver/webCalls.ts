/** An incoming WhatsApp call, as WhatsApp Web reports it while it rings (library Call). */
export interface WebCall {
	readonly id: string;
	/** The caller (`<digits>@c.us`, or `@lid`). */
	readonly from: string;
	readonly isVideo: boolean;
	/** A group call. */
	readonly isGroup: boolean;
	/** Seconds, when the call was offered. */
	readonly timestamp: number;
}

/**
 * Calls on one ready session. WhatsApp Web cannot take a call, only decline it: the caller sees it declined, the
 * phone stops ringing. rejectCall on a call that is no longer ringing (or never was) is call_not_found.
 */
export interface WebCalls {
	rejectCall(callId: string): Promise<void>;
}
