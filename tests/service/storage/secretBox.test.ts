import { randomBytes } from 'node:crypto';
import { maskSecret, SecretBox } from '../../../service/src/storage/secretBox';

describe('secrets at rest (AES-256-GCM)', () => {
	const box = new SecretBox(randomBytes(32));

	test('a sealed value opens with the same context and never contains the plaintext', () => {
		const sealed = box.seal('EAAG-super-secret-token', 'cloud_numbers.access_token:num_1');
		expect(sealed).not.toContain('super-secret');
		expect(box.open(sealed, 'cloud_numbers.access_token:num_1')).toBe('EAAG-super-secret-token');
	});

	test('the same plaintext seals differently each time (random IV)', () => {
		expect(box.seal('x', 'c')).not.toBe(box.seal('x', 'c'));
	});

	test('a ciphertext moved to another row or column does not open', () => {
		const sealed = box.seal('token', 'cloud_numbers.access_token:num_1');
		expect(() => box.open(sealed, 'cloud_numbers.access_token:num_2')).toThrow();
	});

	test('tampering is detected', () => {
		const parts = box.seal('token', 'c').split('.');
		parts[3] = Buffer.from('tampered').toString('base64url');
		expect(() => box.open(parts.join('.'), 'c')).toThrow();
	});

	test('a different key is named as the cause', () => {
		const sealed = box.seal('token', 'c');
		expect(() => new SecretBox(randomBytes(32)).open(sealed, 'c')).toThrow(/different ENCRYPTION_KEY/);
	});

	test('masking keeps only the last four characters of long secrets', () => {
		expect(maskSecret('EAAGabcdefghijklmnop1234')).toBe('****1234');
		expect(maskSecret('short')).toBe('****');
	});
});
