import { GroupCommitter } from '../../../service/src/messages/groupCommit';

/** A committer whose batches finish when the test says so, recording what each batch held. */
function controlled(maxBatch: number, parallel: number, followsEarlier?: (unit: number) => boolean) {
	const batches: number[][] = [];
	const finishers: Array<() => void> = [];
	const committer = new GroupCommitter<number, number>(
		(units) =>
			new Promise((resolve) => {
				batches.push(units);
				finishers.push(() => resolve(units.map((u) => u * 10)));
			}),
		maxBatch,
		parallel,
		followsEarlier,
	);
	const settle = () => new Promise((resolve) => setImmediate(resolve));
	return { committer, batches, finishers, settle };
}

describe('group commit', () => {
	test('units arriving while a batch commits go together in the next batch, each with its own answer', async () => {
		const { committer, batches, finishers, settle } = controlled(100, 4);
		const first = committer.submit(1);
		await settle();
		const later = [2, 3, 4].map((n) => committer.submit(n));
		await settle();
		// One lane is enough for three waiting units: no second transaction for them.
		expect(batches).toEqual([[1]]);
		finishers[0]?.();
		await settle();
		expect(batches).toEqual([[1], [2, 3, 4]]);
		finishers[1]?.();
		expect(await first).toBe(10);
		expect(await Promise.all(later)).toEqual([20, 30, 40]);
	});

	test('a further lane opens only for a backlog beyond what the running lanes take in a batch', async () => {
		const { committer, batches, finishers, settle } = controlled(2, 3);
		const all = [committer.submit(1)];
		await settle();
		all.push(committer.submit(2), committer.submit(3));
		await settle();
		expect(batches).toHaveLength(1);
		all.push(committer.submit(4));
		await settle();
		// Three waiting, one lane taking two at a time: a second lane starts.
		expect(batches).toEqual([[1], [2, 3]]);
		while (finishers.length > 0 || batches.flat().length < 4) {
			finishers.shift()?.();
			await settle();
		}
		expect(await Promise.all(all)).toEqual([10, 20, 30, 40]);
		expect(batches.flat().sort()).toEqual([1, 2, 3, 4]);
	});

	test('one bad unit fails alone: its neighbours are committed without it', async () => {
		const committer = new GroupCommitter<number, number>(async (units) => {
			if (units.includes(13)) throw new Error('unlucky');
			return units;
		}, 10);
		const results = await Promise.allSettled([1, 13, 2].map((n) => committer.submit(n)));
		expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
	});

	test('a unit that must follow earlier batches waits for the lanes running them; other units do not', async () => {
		// Units of 100 and more follow earlier ones (as an edit follows its message).
		const { committer, batches, finishers, settle } = controlled(1, 3, (unit) => unit >= 100);
		const all = [committer.submit(1)];
		await settle();
		all.push(committer.submit(2), committer.submit(100));
		await settle();
		// Batches [1] and [2] run in two lanes, [100] waits in the queue.
		expect(batches).toEqual([[1], [2]]);
		finishers[0]?.();
		await settle();
		// The first lane took [100], but [2] is still being committed: it must not start yet.
		expect(batches).toEqual([[1], [2]]);
		finishers[1]?.();
		await settle();
		expect(batches).toEqual([[1], [2], [100]]);
		finishers[2]?.();
		expect(await Promise.all(all)).toEqual([10, 20, 1000]);

		// Without the flag the same unit starts as soon as a lane is free, beside the batch still running.
		const plain = controlled(1, 3);
		const units = [plain.committer.submit(1)];
		await plain.settle();
		units.push(plain.committer.submit(2), plain.committer.submit(3));
		await plain.settle();
		plain.finishers[0]?.();
		await plain.settle();
		expect(plain.batches).toEqual([[1], [2], [3]]);
		plain.finishers.slice(1).forEach((finish) => finish());
		expect(await Promise.all(units)).toEqual([10, 20, 30]);
	});

	test('a unit that must follow waits for a failed earlier batch to finish its unit-by-unit retries', async () => {
		const order: string[] = [];
		let release!: () => void;
		const held = new Promise<void>((resolve) => (release = resolve));
		const committer = new GroupCommitter<number, number>(
			async (units) => {
				order.push(`start ${units.join(',')}`);
				if (units.includes(13) && units.length > 1) throw new Error('unlucky');
				if (units[0] === 2) await held;
				order.push(`end ${units.join(',')}`);
				return units;
			},
			2,
			2,
			(unit) => unit >= 100,
		);
		const settle = () => new Promise((resolve) => setImmediate(resolve));
		const all = [committer.submit(13), committer.submit(2)];
		await settle();
		// [13, 2] failed; its retries are under way, unit 2 held.
		expect(order).toEqual(['start 13,2', 'start 13', 'end 13', 'start 2']);
		all.push(committer.submit(100), committer.submit(7), committer.submit(8));
		await settle();
		await new Promise((resolve) => setTimeout(resolve, 20));
		// A second lane took [100, 7] but waits for the retries of the batch taken before it.
		expect(order).toEqual(['start 13,2', 'start 13', 'end 13', 'start 2']);
		release();
		await Promise.allSettled(all);
		expect(order.indexOf('start 100,7')).toBeGreaterThan(order.indexOf('end 2'));
	});
});
