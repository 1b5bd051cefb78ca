/**
 * Memory of idle, logged-in fake sessions (not a test). Run:
 *   npx tsc --outDir /tmp/fake-rss --module commonjs --target es2023 --esModuleInterop --skipLibCheck \
 *     --types node tests/service/channels/web/driver/measureFakeIdleRss.ts
 *   node --expose-gc /tmp/fake-rss/tests/service/channels/web/driver/measureFakeIdleRss.js [count...]
 * Prints RSS and heap before/after, per-client overhead, and the timers left running.
 */
import { FakeWebDriver } from '../../../../../service/src/channels/web/driver/fake';
import { InMemorySessionArchiveStore } from '../../../../../service/src/channels/web/driver/inMemorySessionArchiveStore';
import type { WebClient } from '../../../../../service/src/channels/web/driver/webClient';

const gc = (globalThis as { gc?: () => void }).gc;

async function settle(): Promise<{ rss: number; heapUsed: number }> {
	for (let round = 0; round < 3; round += 1) {
		gc?.();
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	const usage = process.memoryUsage();
	return { rss: usage.rss, heapUsed: usage.heapUsed };
}

function timersRunning(): number {
	return process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout' || resource === 'Immediate').length;
}

const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);

async function measure(count: number): Promise<void> {
	const before = await settle();
	const timersBefore = timersRunning();
	const driver = new FakeWebDriver({ store: new InMemorySessionArchiveStore() });
	const clients: WebClient[] = [];
	for (let index = 0; index < count; index += 1) {
		const client = driver.createClient({ sessionKey: `tenant-${index}:main` });
		// What a session manager would subscribe to.
		for (const event of ['qr', 'ready', 'disconnected', 'message', 'message_ack', 'browser_crashed'] as const) client.on(event, () => undefined);
		const saved = new Promise<void>((resolve) => client.once('remote_session_saved', resolve));
		await client.initialize();
		await driver.phone(client.sessionKey).scanQr();
		await saved;
		clients.push(client);
	}
	const after = await settle();
	const perClientRss = (after.rss - before.rss) / count;
	const perClientHeap = (after.heapUsed - before.heapUsed) / count;
	console.log(
		JSON.stringify({
			clients: count,
			ready: clients.filter((client) => client.phase === 'ready').length,
			rssBeforeMB: mb(before.rss),
			rssAfterMB: mb(after.rss),
			heapBeforeMB: mb(before.heapUsed),
			heapAfterMB: mb(after.heapUsed),
			rssPerClientKB: (perClientRss / 1024).toFixed(1),
			heapPerClientKB: (perClientHeap / 1024).toFixed(1),
			timersRunningWhileIdle: timersRunning() - timersBefore,
		}),
	);
	await driver.shutdown();
}

async function main(): Promise<void> {
	if (!gc) console.warn('run with --expose-gc for stable figures');
	const counts = process.argv.slice(2).map(Number).filter((count) => count > 0);
	for (const count of counts.length > 0 ? counts : [100]) await measure(count);
}

void main();
