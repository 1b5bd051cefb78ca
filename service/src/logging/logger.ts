import pino, { type Logger } from 'pino';

/**
 * Paths pino censors wherever they appear in a log object. Secrets must never reach logs even when a whole
 * request, config or error is logged by accident, so the list is broad and matched at two depths.
 */
const SECRET_KEYS = [
	'authorization',
	'x-api-key',
	'x-hub-signature-256',
	'x-signature-256',
	'cookie',
	'password',
	'passwordHash',
	'accessToken',
	'access_token',
	'appSecret',
	'app_secret',
	'verifyToken',
	'verify_token',
	'signingSecret',
	'secret',
	'token',
	'apiKey',
	'key',
];

const REDACT_PATHS = SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `req.headers["${key}"]`]);

/** Query parameters whose values are secrets (Meta's handshake sends the verify token in the URL). */
const SECRET_QUERY = /([?&](?:hub\.verify_token|access_token|token|key|api_key)=)[^&]*/gi;

export function redactUrl(url: string): string {
	return url.replace(SECRET_QUERY, '$1[redacted]');
}

interface LoggableRequest {
	id?: string;
	method?: string;
	url?: string;
}

export function createLogger(options: { level: string; destination?: pino.DestinationStream }): Logger {
	return pino(
		{
			level: options.level,
			serializers: {
				req: (req: LoggableRequest) => ({ id: req.id, method: req.method, url: req.url && redactUrl(req.url) }),
				err: pino.stdSerializers.err,
			},
			redact: { paths: REDACT_PATHS, censor: '[redacted]' },
			timestamp: pino.stdTimeFunctions.isoTime,
			base: { service: 'whatsapp-multitenant' },
		},
		options.destination,
	);
}

export type { Logger };
