import { startWebWorld } from './webHarness';

test('while Web sessions run, a stray promise rejection is logged instead of ending the process; stopping removes the guard', async () => {
	const before = process.listenerCount('unhandledRejection');
	const world = await startWebWorld('sqlite');
	try {
		expect(process.listenerCount('unhandledRejection')).toBe(before + 1);
		// What whatsapp-web.js does after a disconnect: a destroy() nobody awaits, rejecting.
		process.emit('unhandledRejection', new Error('Protocol error: Target closed'), Promise.resolve());
		const entry = world.service.logs.entries().find((line) => line.msg === 'unhandled promise rejection (logged, not fatal: WhatsApp Web sessions keep running)');
		expect(entry).toMatchObject({ level: 50, err: { message: 'Protocol error: Target closed' } });
	} finally {
		await world.service.stop();
	}
	expect(process.listenerCount('unhandledRejection')).toBe(before);
});
