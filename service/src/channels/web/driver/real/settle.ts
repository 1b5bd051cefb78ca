/** Resolves (never rejects) when `promise` settles or `ms` pass; says which happened. */
export async function settleWithin(promise: Promise<unknown>, ms: number): Promise<'settled' | 'timeout'> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const timeout = new Promise<'timeout'>((resolve) => {
		timer = setTimeout(() => resolve('timeout'), ms);
	});
	try {
		return await Promise.race([promise.then(() => 'settled' as const, () => 'settled' as const), timeout]);
	} finally {
		clearTimeout(timer);
	}
}
