import { AppError, invalidField, notFound } from '../../shared/errors';
import { isWebDriverError } from './driver';

/**
 * A driver failure as the API answers it. `chat` names what the caller pointed at (a send's body.to, a path's
 * chat id), so an unknown chat is that field's fault, not a missing resource; `argumentField` names the field a
 * refused value came from.
 */
export function toAppError(error: unknown, context: { session: string; chatField?: string; chatId?: string; argumentField?: string }): unknown {
	if (!isWebDriverError(error)) return error;
	switch (error.code) {
		case 'invalid_argument':
			// WhatsApp refusing a value the caller gave (an invite code, a label): that field's fault when the route says which.
			if (context.argumentField) return invalidField(context.argumentField, error.message);
			return new AppError(400, 'validation_failed', error.message, { fields: [], session: context.session });
		case 'chat_not_found':
			return context.chatField
				? invalidField(context.chatField, 'is not a chat this session can reach (no WhatsApp account there, or WhatsApp Web refuses this content for it)')
				: notFound('Chat', context.chatId);
		case 'message_not_found':
			return notFound('Message');
		case 'call_not_found':
			return new AppError(404, 'not_found', 'No such call is ringing (it ended, was answered on the phone, or never rang here)', { session: context.session });
		case 'not_allowed':
			return new AppError(409, 'conflict', `WhatsApp does not allow this: ${error.message}`, { session: context.session });
		case 'not_ready':
		case 'closed':
			return new AppError(409, 'channel_not_ready', `Web session ${context.session} is not ready: ${error.message}`, { session: context.session });
		default:
			return new AppError(502, 'upstream_error', `WhatsApp Web failed: ${error.message}`, { session: context.session, providerCode: error.code, retryable: error.code === 'send_failed', hint: 'The message may or may not have left; check the chat before sending again' });
	}
}
