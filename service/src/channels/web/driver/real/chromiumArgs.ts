/**
 * Flags for headless Chromium in a container. Chosen for: running as root without a setuid sandbox,
 * a small /dev/shm, no GPU, and no background traffic or updates (the browser should talk only to
 * WhatsApp). Deliberately NOT here: --disable-crashpad-for-testing (with Chromium 156 it stops pages
 * from ever finishing navigation), --single-process (crashes take the whole session down harder) and
 * --disable-features (puppeteer already disables Translate, MediaRouter, OptimizationHints and merges its list).
 */
export const CONTAINER_CHROMIUM_ARGS: readonly string[] = [
	'--no-sandbox',
	'--disable-setuid-sandbox',
	'--disable-dev-shm-usage',
	'--disable-gpu',
	'--no-first-run',
	'--no-default-browser-check',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-default-apps',
	'--disable-extensions',
	'--disable-breakpad',
	'--disable-domain-reliability',
	'--metrics-recording-only',
	'--mute-audio',
	'--password-store=basic',
	'--hide-scrollbars',
];

export function chromiumArgs(options: { extra?: readonly string[]; proxyServer?: string }): string[] {
	const args = [...CONTAINER_CHROMIUM_ARGS];
	if (options.proxyServer) args.push(`--proxy-server=${options.proxyServer}`);
	return [...args, ...(options.extra ?? [])];
}
