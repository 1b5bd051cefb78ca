import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetchMedia, isPrivateAddress } from '../../../../../service/src/channels/web/outbound/mediaFetcher';
import { AppError } from '../../../../../service/src/shared/errors';

const limits = { maxBytes: 1024, timeoutMs: 2000, allowPrivate: false };

async function fieldError(promise: Promise<unknown>): Promise<{ status: number; message: string }> {
	try {
		await promise;
	} catch (error) {
		if (error instanceof AppError) return { status: error.status, message: (error.details.fields as Array<{ message: string }> | undefined)?.[0]?.message ?? error.message };
		throw error;
	}
	throw new Error('expected a refusal');
}

describe('fetching media links for web sends', () => {
	let server: http.Server;
	let port: number;
	let hits = 0;
	beforeAll(async () => {
		server = http.createServer((request, response) => {
			hits += 1;
			if (request.url === '/to-ftp') response.writeHead(302, { location: 'ftp://127.0.0.1/secret' }).end();
			else response.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from('png'));
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		port = (server.address() as AddressInfo).port;
	});
	afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

	test.each(['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1'])('%s counts as private', (address) => {
		expect(isPrivateAddress(address)).toBe(true);
	});

	test.each(['8.8.8.8', '151.101.1.69', '2606:4700::1111'])('%s counts as public', (address) => {
		expect(isPrivateAddress(address)).toBe(false);
	});

	test('loopback and private targets are refused by address and by name, before any request is made', async () => {
		const before = hits;
		expect(await fieldError(fetchMedia(`http://127.0.0.1:${port}/a.png`, 'body.image.link', limits))).toEqual({ status: 400, message: 'points to a private or loopback address, which this service does not fetch' });
		expect(await fieldError(fetchMedia(`http://localhost:${port}/a.png`, 'body.image.link', limits))).toEqual({ status: 400, message: 'points to a private or loopback address, which this service does not fetch' });
		expect(await fieldError(fetchMedia(`http://[::1]:${port}/a.png`, 'body.image.link', limits))).toEqual({ status: 400, message: 'points to a private or loopback address, which this service does not fetch' });
		expect(hits).toBe(before);
	});

	test('every redirect is checked again: a hop to another scheme is refused', async () => {
		const result = await fieldError(fetchMedia(`http://127.0.0.1:${port}/to-ftp`, 'body.image.link', { ...limits, allowPrivate: true }));
		expect(result).toEqual({ status: 400, message: 'must be an http or https URL' });
	});

	test('allowed private targets are fetched with their declared type and name', async () => {
		const fetched = await fetchMedia(`http://127.0.0.1:${port}/photo.png?size=1`, 'body.image.link', { ...limits, allowPrivate: true });
		expect(fetched).toEqual({ data: Buffer.from('png'), contentType: 'image/png', filename: 'photo.png' });
	});
});
