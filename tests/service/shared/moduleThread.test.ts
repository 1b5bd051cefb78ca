import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startModuleThread } from '../../../service/src/shared/moduleThread';

/** Starts a thread on `file` and returns the first message it posts. */
async function firstMessage(file: string): Promise<unknown> {
	const thread = startModuleThread(file, { greeting: 'hello' });
	try {
		return await new Promise((resolve, reject) => {
			thread.once('message', resolve);
			thread.once('error', reject);
		});
	} finally {
		await thread.terminate();
	}
}

/** TypeScript entry modules run in threads as tests run the sources: transpiled on load, and cached by their text. */
describe('module threads from TypeScript sources', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-module-thread-test-'));
	const entry = path.join(dir, 'entry.ts');
	// Every version is written with the same size and modification time: only its text tells them apart.
	const sameTime = new Date('2026-01-01T00:00:00.000Z');
	const write = (word: string) => {
		fs.writeFileSync(entry, `import { parentPort, workerData } from 'node:worker_threads';\nconst data: { greeting: string } = workerData;\nparentPort?.postMessage(\`\${data.greeting} ${word}\`);\n`);
		fs.utimesSync(entry, sameTime, sameTime);
	};
	afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

	test('an entry module runs with the caller data, and an edit is seen even at the same size and modification time', async () => {
		write('alpha');
		expect(await firstMessage(entry)).toBe('hello alpha');
		// Served from the cache the second time; the answer is the same.
		expect(await firstMessage(entry)).toBe('hello alpha');
		write('gamma');
		expect(await firstMessage(entry)).toBe('hello gamma');
	});
});
