/**
 * Failure reasons the session manager can act on without parsing messages.
 * Startup: browser_launch_failed, web_unreachable (navigation to web.whatsapp.com failed),
 * web_load_timeout (page came but WhatsApp Web never booted: library 'auth timeout'),
 * web_version_unavailable (pinned version not cached and the policy forbids falling back),
 * auth_restore_failed (stored archive could not be restored), start_timeout (our bound),
 * destroyed (destroy() was called during start), browser_crashed (Chromium or the tab died),
 * initialize_failed (anything else).
 * Later: ready_timeout, not_ready, chat_not_found, message_not_found, send_failed, closed, not_allowed (WhatsApp
 * refuses the change: editing or deleting for everyone someone else's message, or an edit past WhatsApp's window).
 */
export type WebDriverErrorCode =
	| 'browser_launch_failed'
	| 'web_unreachable'
	| 'web_load_timeout'
	| 'web_version_unavailable'
	| 'auth_restore_failed'
	| 'start_timeout'
	| 'destroyed'
	| 'browser_crashed'
	| 'initialize_failed'
	| 'ready_timeout'
	| 'not_ready'
	| 'chat_not_found'
	| 'message_not_found'
	| 'call_not_found'
	| 'send_failed'
	| 'closed'
	| 'not_allowed'
	| 'invalid_argument';

export class WebDriverError extends Error {
	readonly code: WebDriverErrorCode;

	constructor(code: WebDriverErrorCode, message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'WebDriverError';
		this.code = code;
	}
}

export function isWebDriverError(value: unknown): value is WebDriverError {
	return value instanceof WebDriverError;
}
