/**
 * Graph API errors in Meta's wire shape. Every failure a Graph route can produce is built here, so the
 * code, HTTP status and wording for one condition live in exactly one place.
 */
export interface GraphErrorInit {
	code: number;
	httpStatus: number;
	/** Text after "(#code) " in `message`; Meta's title for the code. */
	title: string;
	details?: string;
	type?: 'OAuthException' | 'GraphMethodException';
	subcode?: number;
	isTransient?: boolean;
	userTitle?: string;
	userMessage?: string;
	/** Some Graph-level errors (unknown object, bad version) carry no "(#code)" prefix. */
	rawMessage?: boolean;
	/** Dotted path of the offending send-body field; not on the wire, it lets the Cloud channel name the field. */
	field?: string;
}

export interface GraphErrorBody {
	error: {
		message: string;
		type: string;
		code: number;
		error_subcode?: number;
		error_data?: { messaging_product: 'whatsapp'; details: string };
		is_transient?: boolean;
		error_user_title?: string;
		error_user_msg?: string;
		fbtrace_id: string;
	};
}

export class GraphError extends Error {
	readonly code: number;
	readonly httpStatus: number;
	readonly title: string;
	readonly details?: string;
	readonly type: 'OAuthException' | 'GraphMethodException';
	readonly subcode?: number;
	readonly isTransient?: boolean;
	readonly userTitle?: string;
	readonly userMessage?: string;
	readonly field?: string;

	constructor(init: GraphErrorInit) {
		super(init.rawMessage ? init.title : `(#${init.code}) ${init.title}`);
		this.name = 'GraphError';
		this.code = init.code;
		this.httpStatus = init.httpStatus;
		this.title = init.title;
		this.details = init.details;
		this.type = init.type ?? 'OAuthException';
		this.subcode = init.subcode;
		this.isTransient = init.isTransient;
		this.userTitle = init.userTitle;
		this.userMessage = init.userMessage;
		this.field = init.field;
	}

	toBody(fbtraceId: string): GraphErrorBody {
		return {
			error: {
				message: this.message,
				type: this.type,
				code: this.code,
				...(this.subcode !== undefined ? { error_subcode: this.subcode } : {}),
				...(this.details !== undefined ? { error_data: { messaging_product: 'whatsapp' as const, details: this.details } } : {}),
				...(this.isTransient !== undefined ? { is_transient: this.isTransient } : {}),
				...(this.userTitle !== undefined ? { error_user_title: this.userTitle } : {}),
				...(this.userMessage !== undefined ? { error_user_msg: this.userMessage } : {}),
				fbtrace_id: fbtraceId,
			},
		};
	}
}

/** The webhook form of an error (status `errors[]`, message `errors[]`): no type, no trace id. */
export interface WebhookError {
	code: number;
	title: string;
	message: string;
	error_data: { details: string };
	href: string;
}

const ERROR_CODES_HREF = 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/';

export function webhookError(code: number, title: string, details: string): WebhookError {
	return { code, title, message: title, error_data: { details }, href: ERROR_CODES_HREF };
}

export const graphErrors = {
	invalidParameter: (details: string, extra: Partial<GraphErrorInit> = {}) =>
		new GraphError({ code: 100, httpStatus: 400, title: 'Invalid parameter', details, ...extra }),
	missingToken: () =>
		new GraphError({ code: 104, httpStatus: 401, title: 'An access token is required to request this resource' }),
	invalidToken: () =>
		new GraphError({ code: 190, httpStatus: 401, title: 'Invalid OAuth access token - Cannot parse access token', subcode: 463 }),
	expiredToken: (expiredAt: number) =>
		new GraphError({
			code: 190,
			httpStatus: 401,
			title: `Error validating access token: Session has expired on ${new Date(expiredAt).toUTCString()}`,
			subcode: 463,
		}),
	/** Meta's answer both for an unknown id and for an id the token may not touch: it never says which. */
	unsupportedRequest: (method: string, objectId: string) =>
		new GraphError({
			code: 100,
			httpStatus: 400,
			type: 'GraphMethodException',
			subcode: 33,
			rawMessage: true,
			title: `Unsupported ${method.toLowerCase()} request. Object with ID '${objectId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
		}),
	unknownPath: (path: string) =>
		new GraphError({ code: 2500, httpStatus: 400, rawMessage: true, title: `Unknown path components: ${path}` }),
	invalidVersionFormat: () =>
		new GraphError({ code: 100, httpStatus: 400, rawMessage: true, title: "Invalid version format. Use format like 'v23.0'" }),
	deprecatedVersion: (latest: string) =>
		new GraphError({
			code: 2635,
			httpStatus: 400,
			title: `You are calling a deprecated version of the Graph API. Please update to the latest version: ${latest}.`,
		}),
	unsupportedVersion: (version: string, latest: string) =>
		new GraphError({ code: 100, httpStatus: 400, rawMessage: true, title: `Unsupported Graph API version ${version}; the newest available is ${latest}` }),
	nonexistingField: (field: string, nodeType: string) =>
		new GraphError({ code: 100, httpStatus: 400, title: `Tried accessing nonexisting field (${field}) on node type (${nodeType})` }),
	throughputReached: () =>
		new GraphError({
			code: 130429,
			httpStatus: 400,
			title: 'Rate limit hit',
			details: 'Cloud API message throughput has been reached.',
			isTransient: true,
		}),
	pairRateLimit: () =>
		new GraphError({
			code: 131056,
			httpStatus: 400,
			title: '(Business Account, Consumer Account) pair rate limit hit',
			details: 'Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time.',
			isTransient: true,
		}),
	somethingWentWrong: (httpStatus = 500) =>
		new GraphError({ code: 131000, httpStatus, title: 'Something went wrong', details: 'Message failed to send because of an unknown error.', isTransient: true }),
	serviceUnavailable: (httpStatus = 503) =>
		new GraphError({ code: 131016, httpStatus, title: 'Service unavailable', details: 'A service is temporarily unavailable.', isTransient: true }),
	unknownError: () => new GraphError({ code: 1, httpStatus: 500, title: 'An unknown error has occurred.', isTransient: true }),
	recipientIsSender: () =>
		new GraphError({ code: 131021, httpStatus: 400, title: 'Recipient cannot be sender', details: 'Sender and recipient phone number is the same.' }),
	parameterValueInvalid: (details: string) =>
		new GraphError({ code: 131009, httpStatus: 400, title: 'Parameter value is not valid', details }),
	requiredParameterMissing: (details: string) =>
		new GraphError({ code: 131008, httpStatus: 400, title: 'Required parameter is missing', details }),
	mediaUploadError: (details: string) =>
		new GraphError({ code: 131053, httpStatus: 400, title: 'Media upload error', details }),
	templateParamCount: (details: string) =>
		new GraphError({ code: 132000, httpStatus: 400, title: 'Number of parameters does not match the expected number of params', details }),
	templateNotFound: (name: string, language: string) =>
		new GraphError({
			code: 132001,
			httpStatus: 404,
			title: 'Template name does not exist in the translation',
			details: `template name (${name}) does not exist in ${language}`,
		}),
	templateFormatMismatch: (details: string) =>
		new GraphError({ code: 132012, httpStatus: 400, title: 'Parameter format does not match format in the created template', details }),
	templatePaused: (name: string) =>
		new GraphError({ code: 132015, httpStatus: 400, title: 'Template is Paused', details: `Template ${name} is paused due to low quality.` }),
	templateDisabled: (name: string) =>
		new GraphError({ code: 132016, httpStatus: 400, title: 'Template is Disabled', details: `Template ${name} has been disabled due to low quality.` }),
	templateHydratedTooLong: (details: string) =>
		new GraphError({ code: 132005, httpStatus: 400, title: 'Translated text too long', details }),
	/** Template management failures carry a subcode and user-facing texts, as Meta's creation errors do. */
	templateCreation: (subcode: number | undefined, userTitle: string, userMessage: string) =>
		new GraphError({ code: 100, httpStatus: 400, title: 'Invalid parameter', subcode, userTitle, userMessage, details: userMessage }),
};
