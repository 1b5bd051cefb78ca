import { BrowserMemoryGuard, MEMORY_RESTART_SPACING_MS } from '../../../../service/src/channels/web/sessions/browserMemoryGuard';

const MB = 1024 * 1024;
const session = (id: string, memoryMb: number | undefined, status: 'WORKING' | 'STARTING' | 'SCAN_QR' = 'WORKING') => ({ id, status, browser: memoryMb === undefined ? undefined : { processes: 5, memoryBytes: memoryMb * MB } });

describe('the browser memory guard', () => {
	test('picks only WORKING sessions over the limit, each once per spacing, then again after it', () => {
		let now = 0;
		const guard = new BrowserMemoryGuard(500 * MB, () => now);
		const running = [session('a', 800), session('b', 400), session('c', 900, 'STARTING'), session('d', undefined), session('e', 501)];
		expect(guard.overLimit(running)).toEqual([
			{ id: 'a', memoryBytes: 800 * MB },
			{ id: 'e', memoryBytes: 501 * MB },
		]);
		now = MEMORY_RESTART_SPACING_MS - 1;
		expect(guard.overLimit(running)).toEqual([]);
		now = MEMORY_RESTART_SPACING_MS;
		expect(guard.overLimit(running).map((over) => over.id)).toEqual(['a', 'e']);
		expect(guard.reason(800 * MB)).toBe('Restarting: its browser held 800 MB, over WEB_BROWSER_MEMORY_LIMIT_MB (500 MB); the login is kept');
	});
});
