import type { Kysely } from 'kysely';
import type { Database } from '../../service/src/storage/schema';

/** The database, except that its next transaction fails as MySQL fails a deadlock victim (nothing committed). */
export function deadlockOnce(db: Kysely<Database>): { db: Kysely<Database>; failed: () => boolean } {
	let pending = true;
	const proxy = new Proxy(db, {
		get(target, property) {
			if (property === 'transaction' && pending) {
				pending = false;
				return () => ({ execute: async () => Promise.reject(Object.assign(new Error('Deadlock found when trying to get lock; try restarting transaction'), { code: 'ER_LOCK_DEADLOCK', errno: 1213 })) });
			}
			const value = Reflect.get(target, property, target) as unknown;
			return typeof value === 'function' ? value.bind(target) : value;
		},
	});
	return { db: proxy, failed: () => !pending };
}
