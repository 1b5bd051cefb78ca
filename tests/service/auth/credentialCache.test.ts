import { CredentialCache } from '../../../service/src/auth/credentialCache';

describe('the credential cache', () => {
	test('a hit within the TTL reads nothing; after the TTL the row is read again', async () => {
		const cache = new CredentialCache<string>(40);
		let reads = 0;
		const load = async () => `row ${++reads}`;
		expect(await cache.get('h', load)).toBe('row 1');
		expect(await cache.get('h', load)).toBe('row 1');
		await new Promise((resolve) => setTimeout(resolve, 60));
		expect(await cache.get('h', load)).toBe('row 2');
	});

	test('unknown credentials are not remembered: each try reads again', async () => {
		const cache = new CredentialCache<string>(60_000);
		let reads = 0;
		const load = async () => void reads++;
		await cache.get('nope', load);
		await cache.get('nope', load);
		expect(reads).toBe(2);
	});

	test('invalidate empties it, and a read that started before the invalidation is not kept after it', async () => {
		const cache = new CredentialCache<string>(60_000);
		expect(await cache.get('h', async () => 'before')).toBe('before');
		cache.invalidate();
		let release: () => void = () => undefined;
		const slow = cache.get('h', () => new Promise<string>((resolve) => (release = () => resolve('stale'))));
		await new Promise((resolve) => setImmediate(resolve));
		// The revocation commits while that read is in flight.
		cache.invalidate();
		release();
		expect(await slow).toBe('stale');
		expect(await cache.get('h', async () => 'fresh')).toBe('fresh');
	});
});
