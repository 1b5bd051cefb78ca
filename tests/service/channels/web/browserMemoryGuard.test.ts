import { BrowserMemoryGuard, MEMORY_RESTART_SPACING_MS, MEMORY_RESTART_WAIT_FOR_SENDS_MS } from '../../../../service/src/channels/web/sessions/browserMemoryGuard';

const MB = 1024 * 1024;
const session = (id: string, memoryMb: number | undefined, status: 'WORKING' | 'STARTING' | 'SCAN_QR' = 'WORKING', sending = 0) => ({ id, status, browser: memoryMb === undefined ? undefined : { processes: 5, memoryBytes: memoryMb * MB }, sending });

describe('the browser memory guard', () => {
	test('picks only WORKING sessions over the limit, each once per spacing, then again after it', () => {
		let now = 0;
		const guard = new BrowserMemoryGuard(500 * MB, () => now);
		const running = [session('a', 800), session('b', 400), session('c', 900, 'STARTING'), session('d', undefined), session('e', 501)];
		expect(guard.overLimit(running)).toEqual([
			{ id: 'a', memoryBytes: 800 * MB, waitedForSends: false },
			{ id: 'e', memoryBytes: 501 * MB, waitedForSends: false },
		]);
		now = MEMORY_RESTART_SPACING_MS - 1;
		expect(guard.overLimit(running)).toEqual([]);
		now = MEMORY_RESTART_SPACING_MS;
		expect(guard.overLimit(running).map((over) => over.id)).toEqual(['a', 'e']);
		expect(guard.reason(800 * MB)).toBe('Restarting: its browser held 800 MB, over WEB_BROWSER_MEMORY_LIMIT_MB (500 MB); the login is kept');
	});

	test('a session busy sending is restarted once its sends are done, or after the longest wait if it never is', () => {
		let now = 0;
		const guard = new BrowserMemoryGuard(500 * MB, () => now);
		// Busy: not now, and not on later rounds while the send lasts.
		expect(guard.overLimit([session('a', 800, 'WORKING', 1), session('b', 800, 'WORKING', 2)])).toEqual([]);
		now = 1_000;
		expect(guard.overLimit([session('a', 800, 'WORKING', 1), session('b', 800, 'WORKING', 1)])).toEqual([]);
		// a's send returned: restarted at the next round. b never goes idle: restarted once the wait is over.
		now = 2_000;
		expect(guard.overLimit([session('a', 800), session('b', 800, 'WORKING', 1)])).toEqual([{ id: 'a', memoryBytes: 800 * MB, waitedForSends: false }]);
		now = MEMORY_RESTART_WAIT_FOR_SENDS_MS - 1;
		expect(guard.overLimit([session('b', 800, 'WORKING', 1)])).toEqual([]);
		now = MEMORY_RESTART_WAIT_FOR_SENDS_MS;
		// Picked with its send still in flight: the restart must not wait for it again.
		expect(guard.overLimit([session('b', 800, 'WORKING', 1)])).toEqual([{ id: 'b', memoryBytes: 800 * MB, waitedForSends: true }]);
	});

	test('a wait ends when the session drops back under the limit: a later excess waits afresh', () => {
		let now = 0;
		const guard = new BrowserMemoryGuard(500 * MB, () => now);
		expect(guard.overLimit([session('a', 800, 'WORKING', 1)])).toEqual([]);
		now = 30_000;
		expect(guard.overLimit([session('a', 400, 'WORKING', 1)])).toEqual([]);
		now = 40_000;
		expect(guard.overLimit([session('a', 800, 'WORKING', 1)])).toEqual([]);
		// Measured from 40 s, not from the first excess at 0.
		now = 40_000 + MEMORY_RESTART_WAIT_FOR_SENDS_MS - 1;
		expect(guard.overLimit([session('a', 800, 'WORKING', 1)])).toEqual([]);
		now = 40_000 + MEMORY_RESTART_WAIT_FOR_SENDS_MS;
		expect(guard.overLimit([session('a', 800, 'WORKING', 1)]).map((over) => over.id)).toEqual(['a']);
	});

	test('a restart postponed for a send begun after the pick is picked again later, its wait counted from the postponement', () => {
		let now = 0;
		const guard = new BrowserMemoryGuard(500 * MB, () => now);
		expect(guard.overLimit([session('a', 800)]).map((over) => over.id)).toEqual(['a']);
		// The restart found a send in flight: not restarted, so not spaced out either.
		guard.postpone('a');
		now = 1_000;
		expect(guard.overLimit([session('a', 800, 'WORKING', 1)])).toEqual([]);
		now = 2_000;
		expect(guard.overLimit([session('a', 800)])).toEqual([{ id: 'a', memoryBytes: 800 * MB, waitedForSends: false }]);
		// Postponed again, and busy from then on: forced once the longest wait since the first postponement is over.
		guard.postpone('a');
		now = MEMORY_RESTART_WAIT_FOR_SENDS_MS - 1;
		expect(guard.overLimit([session('a', 800, 'WORKING', 1)])).toEqual([]);
		now = MEMORY_RESTART_WAIT_FOR_SENDS_MS;
		expect(guard.overLimit([session('a', 800, 'WORKING', 1)])).toEqual([{ id: 'a', memoryBytes: 800 * MB, waitedForSends: true }]);
	});
});
