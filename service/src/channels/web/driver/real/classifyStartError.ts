import { WebDriverError } from '../webDriverError';

/**
 * Maps whatever Client.initialize() threw to a reason the session manager can act on.
 * The library throws plain strings for its own timeouts ('auth timeout', 'ready timeout').
 */
export function classifyStartError(error: unknown): WebDriverError {
	if (error instanceof WebDriverError) return error;
	const message = error instanceof Error ? error.message : String(error);
	if (message === 'auth timeout') {
		return new WebDriverError('web_load_timeout', 'WhatsApp Web page loaded but never booted (library auth timeout)', {
			cause: error,
		});
	}
	if (/net::ERR_[A-Z_]+/.test(message)) {
		const reason = /net::ERR_[A-Z_]+/.exec(message)?.[0] ?? message;
		return new WebDriverError('web_unreachable', `cannot reach web.whatsapp.com (${reason})`, { cause: error });
	}
	if (
		/Failed to launch the browser process|Browser was not found|spawn .*ENOENT|Timed out after .* waiting for the WS endpoint|Could not find (Chrome|Chromium)/i.test(
			message,
		)
	) {
		return new WebDriverError('browser_launch_failed', `Chromium did not start: ${firstLine(message)}`, { cause: error });
	}
	return new WebDriverError('initialize_failed', `WhatsApp Web start failed: ${firstLine(message)}`, { cause: error });
}

function firstLine(text: string): string {
	return text.split('\n', 1)[0] ?? text;
}
