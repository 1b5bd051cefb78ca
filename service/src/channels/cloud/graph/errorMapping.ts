import { AppError, type ErrorCode } from '../../../shared/errors';
import type { GraphCallError } from './metaError';

/**
 * How a Graph failure reaches our callers: Meta's code kept (details.providerCode), whether trying again can
 * help (details.retryable), and a hint saying what to do. The HTTP status says whose problem it is: the request
 * (400/404/409), the pace (429), Meta's view of the stored credentials (502), or Meta's availability (503/504).
 */
interface CodeRule {
	status: number;
	code: ErrorCode;
	retryable: boolean;
	hint: string;
}

const TOKEN_HINT = 'Access token expired or invalid: create a new system-user token and update the number (PATCH /v1/cloud/numbers/:phoneNumberId or PUT /v1/cloud/connection)';
const PERMISSION_HINT = 'The token lacks permission for this number or WABA (it needs whatsapp_business_messaging and whatsapp_business_management on these assets)';
const TRANSIENT_HINT = 'Meta is failing temporarily; retry later';
const badRequest = (hint: string): CodeRule => ({ status: 400, code: 'validation_failed', retryable: false, hint });
const refused = (hint: string): CodeRule => ({ status: 409, code: 'conflict', retryable: false, hint });
const upstream = (hint: string): CodeRule => ({ status: 502, code: 'upstream_error', retryable: false, hint });
const paced = (hint: string): CodeRule => ({ status: 429, code: 'rate_limited', retryable: true, hint });
const unavailable = (hint: string = TRANSIENT_HINT): CodeRule => ({ status: 503, code: 'upstream_unavailable', retryable: true, hint });

export const CODE_RULES: Readonly<Record<number, CodeRule>> = {
	0: upstream(TOKEN_HINT),
	1: unavailable(),
	2: unavailable(),
	3: upstream('The app lacks the capability for this call'),
	4: paced('The app hit its Graph call rate limit; retry later'),
	10: upstream(PERMISSION_HINT),
	104: upstream(TOKEN_HINT),
	190: upstream(TOKEN_HINT),
	200: upstream(PERMISSION_HINT),
	368: refused('The account is temporarily blocked for policy violations'),
	80007: paced('The WABA hit its management API rate limit; retry later'),
	130429: paced("The number's throughput limit was reached; retry later or lower the send rate"),
	130472: refused("The user's number is part of a Meta experiment; the message was not sent"),
	131000: unavailable('Something went wrong at Meta; retry later'),
	131005: upstream(PERMISSION_HINT),
	131008: badRequest('A required parameter is missing'),
	131009: badRequest('A parameter value is not valid'),
	131016: unavailable('A Meta service is temporarily unavailable; retry later'),
	131021: badRequest('The recipient is the sending number itself'),
	131026: refused('Message undeliverable: the recipient may not be on WhatsApp, or must update the app or accept the terms'),
	131031: refused('The WhatsApp Business Account is locked'),
	131042: refused('Business eligibility or payment problem: check the WABA payment method'),
	131045: refused('The phone number is not registered with the Cloud API (register it first)'),
	131047: refused('The user has not written in the last 24 hours (outside the 24-hour window); send a template'),
	131048: paced('Spam rate limit hit: lower the send rate or improve message quality'),
	131049: refused("Meta held back this marketing message to protect the user's experience"),
	131050: refused('The user opted out of marketing messages'),
	131051: badRequest('Unsupported message type'),
	131052: badRequest('The media could not be downloaded'),
	131053: badRequest("Media upload failed: check the file's type and size against Meta's table"),
	131056: paced('Too many messages to this user in a short time (pair rate limit); wait before writing to them again'),
	131057: unavailable('The account is in maintenance (e.g. a throughput upgrade); retry in a minute'),
	132000: badRequest('The number of template parameters does not match the template'),
	132001: { status: 404, code: 'not_found', retryable: false, hint: 'Template not found or not approved in that language' },
	132005: badRequest('The template text is too long once the parameters are filled in'),
	132007: badRequest("The template content violates WhatsApp's policy"),
	132012: badRequest('A template parameter has the wrong format for the template (e.g. the header type)'),
	132015: refused('The template is paused for low quality'),
	132016: refused('The template is disabled for low quality'),
	132018: badRequest('The template parameters are not valid'),
	132068: refused('The flow is blocked'),
	132069: refused('The flow is throttled; retry later'),
	133004: unavailable('The server is temporarily unavailable; retry later'),
	135000: badRequest('Generic user error: check the request'),
};

/** Codes the channel itself tries again (with backoff) before giving up. */
/** A call that must happen at most once (a send) failed in transport after Meta may have had all of it. */
function mayHaveHappened(error: GraphCallError, atMostOnce: boolean): boolean {
	return atMostOnce && error.kind !== 'meta' && error.outcomeUnknown;
}

export function isAutoRetryable(error: GraphCallError, atMostOnce = false): boolean {
	// A send Meta may have received whole is never tried again: the user would get it twice.
	if (error.kind !== 'meta') return !mayHaveHappened(error, atMostOnce);
	if (error.code === 130429 || error.code === 131056) return true;
	if (error.code !== undefined && CODE_RULES[error.code]?.status === 503) return true;
	return error.httpStatus !== undefined && error.httpStatus >= 500;
}

/** The field a Meta error names, in Meta's own dotted path: "Param text.body must be...", "The parameter to is required." */
export function fieldOfMetaError(error: GraphCallError): string | undefined {
	const text = `${error.info.details ?? ''} ${error.message}`;
	const match = /\bParam(?:eter)? ([A-Za-z_][\w.[\]]*)/i.exec(text) ?? /\bThe parameter ([A-Za-z_][\w.[\]]*) is required/i.exec(text);
	return match?.[1];
}

const UNKNOWN_OUTCOME_HINT = 'Meta received the message but its answer never came, so it may have been sent; it was not tried again, so it cannot arrive twice. Look for its status webhook or the chat before sending it again';

function ruleFor(error: GraphCallError, atMostOnce: boolean): CodeRule {
	if (mayHaveHappened(error, atMostOnce)) return { status: error.kind === 'timeout' ? 504 : 502, code: 'upstream_unavailable', retryable: false, hint: UNKNOWN_OUTCOME_HINT };
	if (error.kind === 'timeout') return { status: 504, code: 'upstream_unavailable', retryable: true, hint: 'Graph did not answer in time; a send may or may not have gone out' };
	if (error.kind === 'network') return { status: 503, code: 'upstream_unavailable', retryable: true, hint: 'Graph could not be reached; check the network or the Graph base URL' };
	if (error.code === 100 && error.info.subcode === 33) {
		return { status: 404, code: 'not_found', retryable: false, hint: 'The object does not exist, or the token cannot access it (check the id and the assets the token was granted)' };
	}
	if (error.code === 100) return badRequest('Meta rejected a parameter');
	const known = error.code !== undefined ? CODE_RULES[error.code] : undefined;
	if (known) return known;
	if (error.httpStatus !== undefined && error.httpStatus >= 500) return unavailable();
	if (error.code !== undefined && error.code >= 200 && error.code < 300) return upstream(PERMISSION_HINT);
	return upstream('Meta refused the request; see providerMessage');
}

export interface MappingContext {
	/** Turns Meta's field path into the caller's (e.g. `text.body` into `body.text.body`). */
	fieldPath?: (metaField: string) => string;
	attempts?: number;
	retryAfterSeconds?: number;
	/** The call must not happen twice (a message send): an answer that never came is reported, not retried. */
	atMostOnce?: boolean;
}

export function graphErrorToAppError(error: GraphCallError, context: MappingContext = {}): AppError {
	const rule = ruleFor(error, context.atMostOnce ?? false);
	const metaField = error.kind === 'meta' ? fieldOfMetaError(error) : undefined;
	const field = metaField && context.fieldPath ? context.fieldPath(metaField) : metaField;
	const providerMessage = error.info.userMessage ?? error.info.details ?? error.message;
	const hint = error.code === 100 && field ? `Meta rejected parameter ${field}: ${providerMessage}` : rule.hint;
	const details: Record<string, unknown> = {
		providerCode: error.code ?? (error.kind === 'meta' ? `http_${error.httpStatus}` : error.kind),
		...(error.info.subcode !== undefined ? { providerSubcode: error.info.subcode } : {}),
		providerMessage,
		...(error.httpStatus !== undefined ? { providerHttpStatus: error.httpStatus } : {}),
		...(error.info.fbtraceId ? { fbtraceId: error.info.fbtraceId } : {}),
		retryable: rule.retryable,
		hint,
		...(context.attempts !== undefined ? { attempts: context.attempts } : {}),
		...(mayHaveHappened(error, context.atMostOnce ?? false) ? { outcome: 'unknown' } : {}),
		...(rule.status === 400 && field ? { fields: [{ field, message: providerMessage }] } : field ? { field } : {}),
	};
	const message = `${hint} (Meta ${details.providerCode}${error.kind === 'meta' ? `: ${error.message}` : ''})`;
	if (rule.status === 429) {
		const retryAfter = Math.max(1, Math.ceil(context.retryAfterSeconds ?? 6));
		return new AppError(429, 'rate_limited', message, { ...details, retryAfterSeconds: retryAfter }, { 'retry-after': String(retryAfter) });
	}
	return new AppError(rule.status, rule.code, message, details);
}
