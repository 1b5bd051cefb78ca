import { CODE_RULES, graphErrorToAppError, isAutoRetryable } from '../../../../service/src/channels/cloud/graph/errorMapping';
import { RetryPolicy } from '../../../../service/src/channels/cloud/retryPolicy';
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

	test('a send (at most once) is retried after a transport failure only when Meta cannot have had the whole request', () => {
		const unanswered = new GraphCallError('timeout', 't', undefined, undefined, {}, true);
		const refused = new GraphCallError('network', 'n', undefined, undefined, {}, false);
		expect(isAutoRetryable(unanswered, true)).toBe(false);
		expect(isAutoRetryable(new GraphCallError('network', 'reset', undefined, undefined, {}, true), true)).toBe(false);
		expect(isAutoRetryable(refused, true)).toBe(true);
		expect(isAutoRetryable(unanswered, false)).toBe(true);
		const reported = graphErrorToAppError(unanswered, { atMostOnce: true, attempts: 1 });
		expect(reported.status).toBe(504);
		expect(reported.details).toMatchObject({ outcome: 'unknown', retryable: false, attempts: 1, hint: expect.stringContaining('may have been sent') });
		expect(graphErrorToAppError(refused, { atMostOnce: true }).details).toMatchObject({ retryable: true });
		expect(graphErrorToAppError(refused, { atMostOnce: true }).details.outcome).toBeUndefined();
	});

	test('the retry policy tries a send again after a refused connection, but never after an unanswered one', async () => {
		const policy = new RetryPolicy({ sendMaxAttempts: 5, retryBaseMs: 1, retryMaxMs: 2 });
		const script = (...failures: GraphCallError[]) => {
			const attempts: number[] = [];
			const call = async (attempt: number) => {
				attempts.push(attempt);
				const failure = failures[attempt - 1];
				if (failure) throw failure;
				return 'sent';
			};
			return { attempts, call };
		};
		const refusedTwice = script(new GraphCallError('network', 'refused', undefined, undefined, {}, false), new GraphCallError('network', 'refused', undefined, undefined, {}, false));
		await expect(policy.run(refusedTwice.call, { atMostOnce: true })).resolves.toBe('sent');
		expect(refusedTwice.attempts).toEqual([1, 2, 3]);

		const unanswered = script(new GraphCallError('timeout', 'silent', undefined, undefined, {}, true));
		await expect(policy.run(unanswered.call, { atMostOnce: true })).rejects.toMatchObject({ status: 504, details: { outcome: 'unknown', attempts: 1 } });
		expect(unanswered.attempts).toEqual([1]);

		// Not a send (an upload, a read receipt): doing it twice is harmless, so it is tried again.
		const unansweredRead = script(new GraphCallError('timeout', 'silent', undefined, undefined, {}, true));
		await expect(policy.run(unansweredRead.call)).resolves.toBe('sent');
		expect(unansweredRead.attempts).toEqual([1, 2]);
	});

	test('a body that is not Meta’s shape still yields a usable error', () => {
		const error = parseMetaError(502, '<html>Bad gateway</html>');
		expect(graphErrorToAppError(error)).toMatchObject({ status: 503, details: { providerCode: 'http_502', retryable: true } });
	});
});
