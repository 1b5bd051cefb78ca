import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { SERVICE_MAIN, startChild } from './childService';
import type { BenchOptions, BenchSection, Figure } from './framework';
import { startSimulator } from './sendSections';
import { createSendWorld } from './sendWorld';

/** Resident memory of a process, in bytes (Linux), or undefined where /proc is not readable. */
function residentBytes(pid: number | undefined): number | undefined {
	try {
		const match = /^VmRSS:\s+(\d+) kB$/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) * 1024 : undefined;
	} catch {
		return undefined;
	}
}

const MB = 1024 * 1024;

/** Runs `work` while sampling `pid`'s resident memory: the wall time, and the peak above where it started. */
async function meterMemory(pid: number | undefined, work: () => Promise<unknown>): Promise<{ seconds: number; growth?: number }> {
	const before = residentBytes(pid);
	let peak = before ?? 0;
	const sampler = setInterval(() => (peak = Math.max(peak, residentBytes(pid) ?? 0)), 5);
	const started = performance.now();
	try {
		await work();
	} finally {
		clearInterval(sampler);
	}
	return { seconds: (performance.now() - started) / 1000, ...(before !== undefined ? { growth: peak - before } : {}) };
}

/**
 * Media through the service, to and from the simulator: several large documents at once down (`GET
 * /v1/media/:id/content`), then up (`POST /v1/media`), the service's resident memory sampled meanwhile. Downloads are
 * passed through as Meta sends them and uploads spooled to disk, so the memory they take must not grow with the
 * files' size.
 */
export const mediaDownloadSection: BenchSection = {
	name: 'media',
	description: 'Cloud media through the service: memory while several large files pass down and up, throughput',
	async run(_options: BenchOptions): Promise<Figure[]> {
		// Near WhatsApp's 100 MB document limit: held whole, eight of them would take 768 MB.
		const fileBytes = 96 * MB;
		const parallel = 8;
		const sim = await startSimulator();
		const world = await createSendWorld({ dialect: 'sqlite', numbers: 1, graphBaseUrl: `${sim.child.url}/graph` });
		const [number] = world.numbers as [string];
		await world.setThroughput(80);
		await sim.setThroughput(world.numbers, world.token, world.wabaId, world.appId, 80);
		const service = await startChild(SERVICE_MAIN, ['serve'], { ...world.env, EVENT_DELIVERY_ENABLED: 'false' });
		try {
			// Straight into the simulator, as if a customer had sent it: the figure is about downloads only.
			const file = randomBytes(fileBytes);
			const form = new FormData();
			form.append('messaging_product', 'whatsapp');
			form.append('type', 'application/pdf');
			form.append('file', new Blob([new Uint8Array(file)], { type: 'application/pdf' }), 'bench.pdf');
			const uploaded = await fetch(`${sim.child.url}/graph/v23.0/${number}/media`, { method: 'POST', headers: { authorization: `Bearer ${world.token}` }, body: form });
			if (!uploaded.ok) throw new Error(`simulator upload: ${uploaded.status} ${await uploaded.text()}`);
			const { id } = (await uploaded.json()) as { id: string };
			const expected = createHash('sha256').update(file).digest('hex');

			const download = async () => {
				const response = await fetch(`${service.url}/v1/media/${id}/content?from=${number}`, { headers: { authorization: `Bearer ${world.apiKey}` } });
				if (!response.ok || !response.body) throw new Error(`download: ${response.status} ${await response.text()}`);
				const hash = createHash('sha256');
				let bytes = 0;
				for await (const part of response.body) {
					hash.update(part);
					bytes += part.length;
				}
				if (bytes !== fileBytes || hash.digest('hex') !== expected) throw new Error(`download: ${bytes} bytes, not the file uploaded`);
			};
			// Through the service's own upload route, as the n8n node sends binary files.
			const upload = async () => {
				const form = new FormData();
				form.append('from', number);
				form.append('file', new Blob([new Uint8Array(file)], { type: 'application/pdf' }), 'bench.pdf');
				const response = await fetch(`${service.url}/v1/media`, { method: 'POST', headers: { authorization: `Bearer ${world.apiKey}` }, body: form });
				const answer = (await response.json()) as { sha256?: string };
				if (response.status !== 201 || answer.sha256 !== expected) throw new Error(`upload: ${response.status} ${JSON.stringify(answer)}`);
			};

			await download();
			await upload();
			const figures: Figure[] = [];
			for (const [what, transfer] of [['upload', upload], ['download', download]] as const) {
				const { seconds, growth } = await meterMemory(service.process.pid, () => Promise.all(Array.from({ length: parallel }, transfer)));
				figures.push({ name: `${what} throughput`, value: (parallel * fileBytes) / MB / seconds, unit: 'MB/s', note: `${parallel} ${what}s of ${fileBytes / MB} MB at once, each checked against its SHA-256` });
				if (growth !== undefined) {
					// Garbage collection lets some tens of MB of passed chunks wait; held whole, the files alone would take it all.
					const inFlight = parallel * fileBytes;
					figures.push({ name: `service memory while ${what}ing`, value: growth / MB, unit: 'MB', goal: `< ${inFlight / 4 / MB} MB (a quarter of what passes)`, met: growth < inFlight / 4, note: `peak resident memory above its level before, while ${parallel} files of ${fileBytes / MB} MB pass at once` });
				}
			}
			return figures;
		} finally {
			await service.stop();
			await sim.child.stop();
			await world.drop();
		}
	},
};
