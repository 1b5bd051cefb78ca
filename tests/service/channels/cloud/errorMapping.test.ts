import { CODE_RULES, graphErrorToAppError, isAutoRetryable } from '../../../../service/src/channels/cloud/graph/errorMapping';
import { GraphCallError, parseMetaError } from '../../../../service/src/channels/cloud/graph/metaError';

const metaError = (code: number, httpStatus = 400, details?: string, subcode?: number) =>
	parseMetaError(httpStatus, { error: { message: `(#${code}) Something`, type: 'OAuthException', code, ...(subcode ? { error_subcode: subcode } : {}), error_data: { messaging_product: 'whatsapp', details: details ?? 'details' }, fbtrace_id: 'trace-1' } });

describe('Graph error mapping', () => {
	test.each([
		[131047, 409, 'conflict', false, /24-hour window.*template/],
		[190, 502, 'upstream_error', false, /access token expired or invalid/i],
		[132001, 404, 'not_found', false, /Template not found or not approved/],
		[130429, 429, 'rate_limited', true, /throughput/],
		[131056, 429, 'rate_limited', true, /pair rate limit/],
		[131026, 409, 'conflict', false, /undeliverable/],
		[132000, 400, 'validation_failed', false, /number of template parameters/],
		[131000, 503, 'upstream_unavailable', true, /retry later/],
		[10, 502, 'upstream_error', false, /permission/],
	])('Meta code %i answers %i %s, retryable %s, with a hint', (code, status, errorCode, retryable, hint) => {
		const error = graphErrorToAppError(metaError(code, code === 131000 ? 500 : 400));
		expect(error.status).toBe(status);
		expect(error.code).toBe(errorCode);
		expect(error.details).toMatchObject({ providerCode: code, retryable, fbtraceId: 'trace-1' });
		expect(String(error.details.hint)).toMatch(hint);
	});

	test('every rule in the table keeps Meta’s code and answers a status our routes document', () => {
		for (const code of Object.keys(CODE_RULES).map(Number)) {
			const error = graphErrorToAppError(metaError(code));
			expect([400, 404, 409, 429, 502, 503]).toContain(error.status);
			expect(error.details.providerCode).toBe(code);
			expect(typeof error.details.hint).toBe('string');
		}
	});

	test('100 names the field Meta names, translated into the caller’s request path', () => {
		const error = graphErrorToAppError(metaError(100, 400, 'Param text.preview_url must be a boolean.'), { fieldPath: (field) => `body.${field}` });
		expect(error.status).toBe(400);
		expect(error.details.fields).toEqual([{ field: 'body.text.preview_url', message: 'Param text.preview_url must be a boolean.' }]);
	});

	test('100 with subcode 33 (unknown object or no access) answers 404', () => {
		expect(graphErrorToAppError(metaError(100, 400, undefined, 33)).status).toBe(404);
	});

	test('429 answers carry Retry-After', () => {
		const error = graphErrorToAppError(metaError(130429), { retryAfterSeconds: 7.2 });
		expect(error.headers['retry-after']).toBe('8');
	});

	test('timeouts and unreachable hosts are retried; refusals are not, except the limits and 5xx', () => {
		expect(isAutoRetryable(new GraphCallError('timeout', 't', undefined, undefined))).toBe(true);
		expect(isAutoRetryable(new GraphCallError('network', 'n', undefined, undefined))).toBe(true);
		expect(isAutoRetryable(metaError(130429))).toBe(true);
		expect(isAutoRetryable(metaError(131056))).toBe(true);
		expect(isAutoRetryable(metaError(1, 500))).toBe(true);
		expect(isAutoRetryable(metaError(131047))).toBe(false);
		expect(isAutoRetryable(metaError(190, 401))).toBe(false);
		const timeout = graphErrorToAppError(new GraphCallError('timeout', 't', undefined, undefined));
		expect(timeout.status).toBe(504);
	});

	test('a body that is not Meta’s shape still yields a usable error', () => {
		const error = parseMetaError(502, '<html>Bad gateway</html>');
		expect(graphErrorToAppError(error)).toMatchObject({ status: 503, details: { providerCode: 'http_502', retryable: true } });
	});
});
