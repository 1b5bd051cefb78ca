// One line per check per n8n version, and the summary at the end.

const seconds = (ms) => `${(ms / 1000).toFixed(1)}s`;

export class Report {
	results = [];
	muted = false;

	/** Stops printing (after Ctrl-C, checks fail only because their processes are being stopped). */
	mute() {
		this.muted = true;
	}

	/** Checks of one n8n version: check(name, fn) runs fn and prints "ok"/"FAIL" with what fn returned or threw. */
	forVersion(version) {
		return {
			version,
			check: (name, fn) => this.#check(version, name, fn),
			fail: (name, error) => this.#record(version, name, false, error.message ?? String(error), 0),
		};
	}

	/** @returns {Promise<{ok: boolean, value?: any}>} a failed check does not throw: the next one still runs */
	async #check(version, name, fn) {
		const t0 = Date.now();
		try {
			const value = await fn();
			this.#record(version, name, true, typeof value === 'string' ? value : '', Date.now() - t0);
			return { ok: true, value };
		} catch (error) {
			this.#record(version, name, false, error?.message ?? String(error), Date.now() - t0);
			return { ok: false };
		}
	}

	#record(version, name, ok, detail, ms) {
		this.results.push({ version, name, ok, detail, ms });
		if (this.muted) return;
		const line = `${ok ? 'ok  ' : 'FAIL'} [n8n ${version}] ${name}${detail ? `: ${detail}` : ''} (${seconds(ms)})`;
		(ok ? console.log : console.error)(line);
	}

	get failed() {
		return this.results.filter((r) => !r.ok);
	}

	/** Per version: checks passed and failed, and how long the version took. */
	summary(timings) {
		const lines = ['', 'e2e summary'];
		for (const [version, ms] of Object.entries(timings)) {
			const mine = this.results.filter((r) => r.version === version);
			const bad = mine.filter((r) => !r.ok).length;
			lines.push(`  n8n ${version.padEnd(9)} ${bad ? 'FAIL' : 'ok  '}  ${mine.length - bad}/${mine.length} checks passed in ${seconds(ms)}`);
		}
		for (const r of this.failed) lines.push(`  failed: [n8n ${r.version}] ${r.name}: ${r.detail.split('\n')[0]}`);
		return lines.join('\n');
	}
}
