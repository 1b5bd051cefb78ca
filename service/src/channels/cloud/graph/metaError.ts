import axios from 'axios';

/**
 * A failed Graph call, as Meta described it (`{error:{message, type, code, error_subcode, error_data.details,
 * fbtrace_id}}`) or as the transport saw it (timeout, refused connection). Never carries the token.
 */
export class GraphCallError extends Error {
	constructor(
		readonly kind: 'meta' | 'timeout' | 'network',
		message: string,
		readonly httpStatus: number | undefined,
		readonly code: number | undefined,
		readonly info: {
			subcode?: number;
			details?: string;
			type?: string;
			fbtraceId?: string;
			isTransient?: boolean;
			userTitle?: string;
			userMessage?: string;
			/** Meta's whole answer: some errors come with results beside them (a block of several people, partly done). */
			body?: unknown;
		} = {},
		/**
		 * A transport failure after the whole request had left: Meta may have acted on it without us hearing back.
		 * Trying again could then do it twice (a message sent twice), so sends are not retried (RetryPolicy).
		 */
		readonly outcomeUnknown = false,
	) {
		super(message);
		this.name = 'GraphCallError';
	}

	/** `outcomeUnknown`: whether the request may have reached Meta whole (unknown: assume it may). */
	static fromTransport(error: unknown, outcomeUnknown = true): GraphCallError {
		const code = axios.isAxiosError(error) ? error.code : typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : undefined;
		if (code === 'ECONNABORTED' || code === 'ETIMEDOUT') return new GraphCallError('timeout', 'Graph did not answer in time', undefined, undefined, {}, outcomeUnknown);
		// Only the error code and its text: axios errors also hold the request config, headers (the token) included.
		const text = error instanceof Error ? error.message : String(error);
		return new GraphCallError('network', `Graph could not be reached (${code ?? 'network error'}): ${text}`, undefined, undefined, {}, outcomeUnknown);
	}
}

interface MetaErrorBody {
	error?: {
		message?: unknown;
		type?: unknown;
		code?: unknown;
		error_subcode?: unknown;
		error_data?: { details?: unknown };
		fbtrace_id?: unknown;
		is_transient?: unknown;
		error_user_title?: unknown;
		error_user_msg?: unknown;
	};
}

const str = (value: unknown) => (typeof value === 'string' ? value : undefined);
const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : undefined);

/** Reads Meta's error body; anything unexpected (an HTML error page from a proxy) still yields a usable error. */
export function parseMetaError(httpStatus: number, body: unknown): GraphCallError {
	const error = (body as MetaErrorBody | undefined)?.error;
	if (!error || typeof error !== 'object') return new GraphCallError('meta', `Graph answered HTTP ${httpStatus}`, httpStatus, undefined);
	const message = str(error.message) ?? `Graph answered HTTP ${httpStatus}`;
	return new GraphCallError('meta', message, httpStatus, num(error.code), {
		subcode: num(error.error_subcode),
		details: str(error.error_data?.details),
		type: str(error.type),
		fbtraceId: str(error.fbtrace_id),
		isTransient: typeof error.is_transient === 'boolean' ? error.is_transient : undefined,
		userTitle: str(error.error_user_title),
		userMessage: str(error.error_user_msg),
		body,
	});
}
