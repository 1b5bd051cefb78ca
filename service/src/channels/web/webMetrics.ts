import { Gauge, type Registry } from 'prom-client';
import type { SessionManager } from './sessions/sessionManager';
import { WEB_SESSION_STATUSES } from './storage/tables';

/**
 * The Web sessions of this process as Prometheus sees them: how many by status, and what their browsers cost in
 * processes and memory (in total, and the largest single session, to spot a runaway one). No session names or
 * tenants in labels; the session API gives a tenant its own sessions' figures.
 */
export function registerWebMetrics(registry: Registry, manager: SessionManager): void {
	// The manager measures at most every two seconds: the gauges of one scrape share a measurement.
	const browsers = async () => (await manager.running()).flatMap((session) => (session.browser ? [session.browser] : []));

	new Gauge({
		name: 'wa_web_sessions',
		help: 'WhatsApp Web sessions run by this process, by status',
		labelNames: ['status'] as const,
		registers: [registry],
		async collect() {
			const running = await manager.running();
			for (const status of WEB_SESSION_STATUSES) this.set({ status }, running.filter((session) => session.status === status).length);
		},
	});
	new Gauge({
		name: 'wa_web_browser_processes',
		help: 'Chromium processes of the Web sessions this process runs',
		registers: [registry],
		async collect() {
			this.set((await browsers()).reduce((sum, browser) => sum + browser.processes, 0));
		},
	});
	new Gauge({
		name: 'wa_web_browser_memory_bytes',
		help: "Memory of those Chromium processes (proportional set size), all sessions together",
		registers: [registry],
		async collect() {
			this.set((await browsers()).reduce((sum, browser) => sum + browser.memoryBytes, 0));
		},
	});
	new Gauge({
		name: 'wa_web_browser_memory_bytes_max',
		help: 'Memory of the largest single session browser of this process',
		registers: [registry],
		async collect() {
			this.set(Math.max(0, ...(await browsers()).map((browser) => browser.memoryBytes)));
		},
	});
}
