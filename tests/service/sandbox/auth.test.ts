import { createSandbox, expectGraphError, IDS, openWindow, type Sandbox, textMessage } from './harness';

let sandbox: Sandbox;
beforeEach(async () => {
	sandbox = await createSandbox();
});
afterEach(() => sandbox.close());

describe('Graph authentication', () => {
	test('a request without a token is refused with 104 / HTTP 401', async () => {
		const error = expectGraphError(await sandbox.send(textMessage(), { token: null }), 104, 401);
		expect(error.type).toBe('OAuthException');
	});

	test('an unknown token is refused with 190 / HTTP 401 and a WWW-Authenticate header', async () => {
		const response = await sandbox.send(textMessage(), { token: 'not-a-token' });
		const error = expectGraphError(response, 190, 401);
		expect(error.message).toMatch(/^\(#190\) /);
		expect(error.type).toBe('OAuthException');
		expect(response.headers['www-authenticate']).toContain('invalid_token');
	});

	test('an expired token is refused with 190 once the clock passes its expiry', async () => {
		await sandbox.control('POST', '/tokens', { token: 'short-lived-token', phoneNumberIds: [IDS.phoneNumberId], expiresInSeconds: 60 });
		await openWindow(sandbox);
		expect((await sandbox.send(textMessage(), { token: 'short-lived-token' })).statusCode).toBe(200);
		await sandbox.control('POST', '/clock/advance', { seconds: 61 });
		const error = expectGraphError(await sandbox.send(textMessage(), { token: 'short-lived-token' }), 190, 401);
		expect(error.message).toContain('Session has expired');
	});

	test('the control API can expire a token at once', async () => {
		expect((await sandbox.control('POST', `/tokens/${IDS.token}/expire`)).statusCode).toBe(200);
		expectGraphError(await sandbox.send(textMessage()), 190, 401);
	});

	test('the access_token query parameter works like the Bearer header', async () => {
		const response = await sandbox.inject('GET', `/graph/v23.0/${IDS.phoneNumberId}?access_token=${IDS.token}`, { token: null });
		expect(response.statusCode).toBe(200);
	});

	test('a valid token for another number gets 100 "does not exist ... missing permissions" (HTTP 400), like an unknown id', async () => {
		const forbidden = expectGraphError(await sandbox.send(textMessage(), { token: IDS.otherToken }), 100, 400);
		expect(forbidden.type).toBe('GraphMethodException');
		expect(forbidden.error_subcode).toBe(33);
		expect(forbidden.message).toContain(`Object with ID '${IDS.phoneNumberId}' does not exist, cannot be loaded due to missing permissions`);
		const unknown = expectGraphError(await sandbox.send(textMessage(), { phoneNumberId: '999999999' }), 100, 400);
		expect(unknown.message).toContain("Object with ID '999999999' does not exist");
	});

	test('a token scoped to a WABA may use every number of that WABA', async () => {
		await sandbox.control('POST', '/tokens', { token: 'waba-wide-token', wabaIds: [IDS.wabaId] });
		await openWindow(sandbox);
		expect((await sandbox.send(textMessage(), { token: 'waba-wide-token' })).statusCode).toBe(200);
		expectGraphError(await sandbox.send(textMessage(), { token: 'waba-wide-token', phoneNumberId: IDS.otherPhoneNumberId }), 100, 400);
	});
});

describe('Graph versions and headers', () => {
	test.each(['v13.0', 'v21.0', 'v23.0', 'v25.0', 'v26.0'])('version %s is accepted', async (version) => {
		await openWindow(sandbox);
		const response = await sandbox.send(textMessage(), { version });
		expect(response.statusCode).toBe(200);
		expect(response.headers['facebook-api-version']).toBe(version);
	});

	test('a malformed version is a Graph error 100', async () => {
		const error = expectGraphError(await sandbox.send(textMessage(), { version: 'latest' }), 100, 400);
		expect(error.message).toContain('Invalid version format');
	});

	test('a version older than v13.0 is refused as deprecated (2635)', async () => {
		expectGraphError(await sandbox.send(textMessage(), { version: 'v12.0' }), 2635, 400);
	});

	test('a version newer than the supported range is refused', async () => {
		expectGraphError(await sandbox.send(textMessage(), { version: 'v99.0' }), 100, 400);
	});

	test('answers carry Meta headers, and error fbtrace_id equals x-fb-trace-id', async () => {
		const response = await sandbox.send(textMessage(), { token: 'nope' });
		expect(response.headers['x-fb-request-id']).toEqual(expect.any(String));
		expect(response.json().error.fbtrace_id).toBe(response.headers['x-fb-trace-id']);
	});

	test('an unknown Graph path is a Graph error, not a bare 404', async () => {
		const response = await sandbox.inject('GET', `/graph/v23.0/${IDS.phoneNumberId}/not_an_edge/deeper`);
		expectGraphError(response, 2500, 400);
	});

	test('a body that is not JSON is error 100', async () => {
		const response = await sandbox.inject('POST', `/graph/v23.0/${IDS.phoneNumberId}/messages`, { body: '{oops', headers: { 'content-type': 'application/json' } });
		expectGraphError(response, 100, 400);
	});
});
