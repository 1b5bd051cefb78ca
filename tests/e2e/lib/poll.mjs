// Waiting on something that happens elsewhere (a process, an event delivery, an execution) by polling it with a
// bounded deadline, so nothing depends on a fixed sleep being long enough.

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Calls probe() until it returns something other than undefined and returns that. A probe that throws ends the
 * wait with its error (for states that cannot get better, like a failed execution).
 */
export async function until(what, probe, { timeoutMs = 30_000, intervalMs = 250 } = {}) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
		await sleep(intervalMs);
	}
}
