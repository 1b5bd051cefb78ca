import type { DriverLogger } from '../driver/driverLogger';
import type { WebClient } from '../driver/webClient';
import type { WebCall } from '../driver/webCalls';
import type { InboundRecorder } from './inboundRecorder';
import type { WebSessionSettings } from './webSession';

/**
 * What a session does when its phone rings: with `rejectCalls` it declines the call at once (WhatsApp Web cannot take
 * one) and, with `rejectCallMessage`, tells the caller so in their chat; either way a `call.received` event says who
 * called and whether the call was declined. Group calls are declined too, but get no message.
 */
export function answerCalls(client: WebClient, options: { settings: () => WebSessionSettings; recorder: InboundRecorder; logger: DriverLogger; session: string }): void {
	client.on('call', (call) => void answer(call));

	async function answer(call: WebCall): Promise<void> {
		const { rejectCalls, rejectCallMessage } = options.settings();
		let rejected = false;
		if (rejectCalls) {
			try {
				await client.rejectCall(call.id);
				rejected = true;
			} catch (error) {
				options.logger.warn({ err: error, session: options.session, callId: call.id }, 'declining a call failed');
			}
		}
		options.recorder.recordCall(call, rejected);
		if (!rejected || !rejectCallMessage || call.isGroup) return;
		try {
			await client.sendMessage(call.from, { kind: 'text', text: rejectCallMessage });
		} catch (error) {
			options.logger.warn({ err: error, session: options.session, callId: call.id }, 'telling a declined caller failed');
		}
	}
}
