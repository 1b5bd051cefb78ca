import { testDialects } from '../../../support/databases';
import { bearer } from '../../../support/testService';
import { META, startCloudWorld, type CloudWorld } from './cloudHarness';

describe.each(testDialects())('prefilled-message QR codes of a Cloud number on %s', (dialect) => {
	let world: CloudWorld;
	beforeAll(async () => {
		world = await startCloudWorld(dialect);
	});
	afterAll(() => world.close());

	const url = `/v1/cloud/numbers/${META.phoneNumberId}/qr-codes`;
	const inject = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, payload?: Record<string, unknown>, headers = world.admin) => world.service.app.inject({ method, url: path, headers, ...(payload ? { payload } : {}) });

	test('created with an image, listed, changed and deleted, as Meta keeps them', async () => {
		const created = await inject('POST', url, { message: 'Show me the Black Friday deals', image: 'svg' });
		expect(created.statusCode).toBe(201);
		const code = created.json();
		expect(code).toMatchObject({ message: 'Show me the Black Friday deals', link: `https://wa.me/message/${code.code}`, imageUrl: expect.stringMatching(/\.svg$/) });
		expect(world.sim.simulator.qrCodes.get(code.code)?.prefilledMessage).toBe('Show me the Black Friday deals');

		const listed = await inject('GET', url, undefined, bearer(world.tenant.readerKey));
		expect(listed.json()).toEqual({ data: [{ code: code.code, message: 'Show me the Black Friday deals', link: code.link, imageUrl: null }] });
		expect((await inject('GET', `${url}?image=png`)).json().data[0].imageUrl).toMatch(/\.png$/);

		const changed = await inject('PATCH', `${url}/${code.code}`, { message: 'Show me the Cyber Monday deals' });
		expect(changed.json()).toMatchObject({ code: code.code, message: 'Show me the Cyber Monday deals' });
		expect((await inject('DELETE', `${url}/${code.code}`)).statusCode).toBe(204);
		expect((await inject('GET', url)).json().data).toEqual([]);
	});

	test('a message over 140 characters or an unknown image format is 400 naming the field before Meta is asked; writing needs the admin scope; an unknown code is 404', async () => {
		for (const [payload, field] of [[{ message: 'x'.repeat(141) }, 'body.message'], [{ message: 'Hi', image: 'gif' }, 'body.image'], [{}, 'body.message']] as const) {
			const answer = await inject('POST', url, payload);
			expect(answer.statusCode).toBe(400);
			expect(JSON.stringify(answer.json().error.details)).toContain(field);
		}
		expect(world.sim.simulator.qrCodes.of(META.phoneNumberId)).toEqual([]);
		expect((await inject('POST', url, { message: 'Hi' }, world.sender)).statusCode).toBe(403);
		const unknown = await inject('PATCH', `${url}/NOSUCHCODE0001`, { message: 'Hi' });
		expect(unknown.statusCode).toBe(404);
		expect(unknown.json().error.code).toBe('not_found');
	});
});
