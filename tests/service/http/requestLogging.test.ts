import { createLogger } from '../../../service/src/logging/logger';
import { lazyChildLogger } from '../../../service/src/logging/lazyChildLogger';
import { bearer, createTenantFixture, startTestService, type TestService } from '../../support/testService';
import { LogCapture } from '../../support/logCapture';

describe('request logging', () => {
	test('a request child logger writes nothing until a line at an enabled level, then writes it with its bindings, redacted', () => {
		const logs = new LogCapture();
		const parent = createLogger({ level: 'info', destination: logs });
		const child = jest.spyOn(parent, 'child');
		const log = lazyChildLogger(parent, { reqId: 'req-7' }, {});
		log.debug({ detail: 1 }, 'not written');
		expect(child).not.toHaveBeenCalled();
		log.info({ req: { headers: { authorization: 'Bearer wak_secret' } } }, 'written');
		log.warn('again');
		expect(child).toHaveBeenCalledTimes(1);
		expect(logs.entries().map((e) => [e.reqId, e.msg, e.level])).toEqual([
			['req-7', 'written', 30],
			['req-7', 'again', 40],
		]);
		expect(logs.text()).not.toContain('wak_secret');
		log.child({ step: 'inner' }).error('nested');
		expect(logs.entries().at(-1)).toMatchObject({ reqId: 'req-7', step: 'inner', msg: 'nested' });
		expect(log.level).toBe('info');
	});

	describe('in the service', () => {
		let service: TestService;
		beforeAll(async () => {
			service = await startTestService('sqlite');
		});
		afterAll(() => service.stop());

		test('request lines carry their request id, method and redacted URL: rejections at info, successes at debug', async () => {
			const tenant = await createTenantFixture(service, 'Logs');
			await service.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(tenant.readerKey) });
			await service.app.inject({ method: 'GET', url: '/v1/me?token=secret-in-url', headers: bearer('wak_unknownkey000000000000000000000') });
			const lines = service.logs.entries().filter((e) => e.msg === 'request rejected' || e.msg === 'request completed');
			expect(lines.slice(-2)).toEqual([
				expect.objectContaining({ msg: 'request completed', level: 20, status: 200, reqId: expect.stringMatching(/^req-/), req: expect.objectContaining({ method: 'GET', url: '/v1/me' }) }),
				expect.objectContaining({ msg: 'request rejected', level: 30, status: 401, reqId: expect.stringMatching(/^req-/), req: expect.objectContaining({ method: 'GET', url: '/v1/me?token=[redacted]' }) }),
			]);
			expect(lines.at(-1)?.reqId).toBe((lines.at(-1)?.req as { id: string }).id);
		});
	});
});
