/**
 * Memory of the whole service with N idle, linked fake-driver sessions (not a test). Run:
 *   npx tsc --outDir /tmp/web-rss --module commonjs --target es2023 --esModuleInterop --skipLibCheck --resolveJsonModule \
 *     --types node tests/service/channels/web/measureServiceIdleRss.ts
 *   node --expose-gc /tmp/web-rss/tests/service/channels/web/measureServiceIdleRss.js [count...]
 * Prints RSS and heap of the service before and after linking, per-session overhead, and timers left running.
 * The fake has no browser: a real session adds its Chromium (about 300-500 MB) on top of this.
 */
import { call, linkSession, startWebWorld } from './webHarness';

const gc = (globalThis as { gc?: () => void }).gc;
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

async function settle(): Promise<{ rss: number; heapUsed: number }> {
	for (let round = 0; round < 5; round += 1) {
		gc?.();
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	const usage = process.memoryUsage();
	return { rss: usage.rss, heapUsed: usage.heapUsed };
}

const timers = () => process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout' || resource === 'Immediate').length;

async function measure(count: number): Promise<void> {
	const world = await startWebWorld('sqlite', { env: { WEB_MAX_SESSIONS: String(count + 10), LOG_LEVEL: 'warn' } });
	try {
		// One session first, so code paths, prepared statements and JIT warm-up are not charged to the rest.
		await linkSession(world, 'warmup');
		const before = await settle();
		const timersBefore = timers();
		for (let index = 0; index < count; index += 1) await linkSession(world, `idle-${index}`);
		const working = (await call(world, world.admin, 'GET', '/v1/web/sessions')).json().data.filter((session: { status: string }) => session.status === 'WORKING').length;
		await new Promise((resolve) => setTimeout(resolve, 1000));
		const after = await settle();
		console.log(
			JSON.stringify({
				sessions: count,
				working: working - 1,
				rssBeforeMB: mb(before.rss),
				rssAfterMB: mb(after.rss),
				heapBeforeMB: mb(before.heapUsed),
				heapAfterMB: mb(after.heapUsed),
				rssPerSessionKB: ((after.rss - before.rss) / count / 1024).toFixed(1),
				heapPerSessionKB: ((after.heapUsed - before.heapUsed) / count / 1024).toFixed(1),
				timersAddedWhileIdle: timers() - timersBefore,
			}),
		);
	} finally {
		await world.service.stop();
	}
}

async function main(): Promise<void> {
	if (!gc) console.warn('run with --expose-gc for stable figures');
	const counts = process.argv.slice(2).map(Number).filter((count) => count > 0);
	for (const count of counts.length > 0 ? counts : [100]) await measure(count);
}

void main();
