/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so retries of many deliveries
 * that failed together (a subscriber restarting) spread out instead of arriving as one wave.
 */
export function retryDelayMs(attempts: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
	const exponential = Math.min(maxMs, baseMs * 2 ** Math.min(30, Math.max(0, attempts - 1)));
	return Math.round(exponential / 2 + random() * (exponential / 2));
}

export type FailureVerdict = { kind: 'retry'; at: Date } | { kind: 'dead'; reason: string };

/**
 * What to do after a failed attempt: retry later, or give up once the event is older than the maximum age.
 * 410 Gone means the listener is gone for good (an n8n webhook removed), so retrying is pointless.
 */
export function judgeFailure(input: { attempts: number; queuedAt: Date; now: Date; status: number | null; baseMs: number; maxMs: number; maxAgeSeconds: number }): FailureVerdict {
	if (input.status === 410) return { kind: 'dead', reason: 'subscriber answered 410 Gone' };
	const deadline = input.queuedAt.getTime() + input.maxAgeSeconds * 1000;
	if (input.now.getTime() >= deadline) return { kind: 'dead', reason: `still failing after the maximum age of ${input.maxAgeSeconds} s` };
	const next = input.now.getTime() + retryDelayMs(input.attempts, input.baseMs, input.maxMs);
	// The last try happens at the deadline rather than never.
	return { kind: 'retry', at: new Date(Math.min(next, deadline)) };
}
