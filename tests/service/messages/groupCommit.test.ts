import { GroupCommitter } from '../../../service/src/messages/groupCommit';

/** A committer whose batches finish when the test says so, recording what each batch held. */
function controlled(maxBatch: number, parallel: number) {
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
});
