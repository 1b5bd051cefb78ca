import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { AppError, invalidField } from '../../../shared/errors';

export interface MediaFetchLimits {
	readonly maxBytes: number;
	readonly timeoutMs: number;
	/** Loopback, private and link-local targets are refused unless allowed (tenants must not read our network). */
	readonly allowPrivate: boolean;
}

export interface FetchedMedia {
	readonly data: Buffer;
	readonly contentType: string | undefined;
	readonly filename: string | undefined;
}

const MAX_REDIRECTS = 3;

const PRIVATE = new BlockList();
for (const [network, prefix] of [
	['0.0.0.0', 8],
	['10.0.0.0', 8],
	['100.64.0.0', 10],
	['127.0.0.0', 8],
	['169.254.0.0', 16],
	['172.16.0.0', 12],
	['192.0.0.0', 24],
	['192.168.0.0', 16],
	['198.18.0.0', 15],
	['224.0.0.0', 3],
] as const) {
	PRIVATE.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
	['::', 127],
	['fc00::', 7],
	['fe80::', 10],
	['ff00::', 8],
] as const) {
	PRIVATE.addSubnet(network, prefix, 'ipv6');
}

export function isPrivateAddress(address: string): boolean {
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
	if (mapped) return PRIVATE.check(mapped[1] as string, 'ipv4');
	return isIP(address) === 6 ? PRIVATE.check(address, 'ipv6') : PRIVATE.check(address, 'ipv4');
}

/** Resolves like the system does, but refuses private answers: checked on the address actually connected to, so DNS rebinding cannot slip past. */
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
	dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
		if (error) return callback(error, '', 0);
		const allowed = addresses.filter((entry) => !isPrivateAddress(entry.address));
		if (allowed.length === 0) return callback(Object.assign(new Error(`${hostname} resolves only to private addresses`), { code: 'EPRIVATE' }), '', 0);
		if (options.all) return (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, allowed);
		const first = allowed[0] as LookupAddress;
		return callback(null, first.address, first.family);
	});
};

/**
 * Fetches a media link for a Web send (WhatsApp Web needs the bytes; Meta would fetch links itself): http(s)
 * only, a few redirects, a size cap enforced while streaming, an overall timeout. Problems answer as 400 on
 * the field, or 504 when the remote end is too slow.
 */
export async function fetchMedia(url: string, field: string, limits: MediaFetchLimits): Promise<FetchedMedia> {
	const deadline = Date.now() + limits.timeoutMs;
	let current = url;
	for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
		const parsed = parseHttpUrl(current, field);
		if (!limits.allowPrivate && isIP(parsed.hostname.replace(/^\[|\]$/g, '')) && isPrivateAddress(parsed.hostname.replace(/^\[|\]$/g, ''))) {
			throw invalidField(field, 'points to a private or loopback address, which this service does not fetch');
		}
		const result = await requestOnce(parsed, field, limits, deadline);
		if ('redirect' in result) {
			current = new URL(result.redirect, parsed).toString();
			continue;
		}
		return result;
	}
	throw invalidField(field, `redirects more than ${MAX_REDIRECTS} times`);
}

function parseHttpUrl(value: string, field: string): URL {
	let parsed: URL;
	try {
		parsed = new URL(value);
	} catch {
		throw invalidField(field, 'is not an absolute URL');
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw invalidField(field, 'must be an http or https URL');
	return parsed;
}

function requestOnce(url: URL, field: string, limits: MediaFetchLimits, deadline: number): Promise<FetchedMedia | { redirect: string }> {
	return new Promise((resolve, reject) => {
		const remaining = deadline - Date.now();
		if (remaining <= 0) return reject(timeout(field, limits.timeoutMs));
		const client = url.protocol === 'https:' ? https : http;
		const request = client.get(url, { ...(limits.allowPrivate ? {} : { lookup: publicOnlyLookup }), headers: { 'user-agent': 'whatsapp-multitenant/1 (media fetch)', accept: '*/*' } }, (response) => {
			const status = response.statusCode ?? 0;
			if (status >= 300 && status < 400 && response.headers.location) {
				response.resume();
				return resolve({ redirect: response.headers.location });
			}
			if (status < 200 || status >= 300) {
				response.resume();
				return reject(invalidField(field, `could not be fetched: the server answered HTTP ${status}`));
			}
			const declared = Number(response.headers['content-length'] ?? NaN);
			if (declared > limits.maxBytes) {
				request.destroy();
				return reject(tooLarge(field, limits.maxBytes));
			}
			const chunks: Buffer[] = [];
			let size = 0;
			response.on('data', (chunk: Buffer) => {
				size += chunk.length;
				if (size > limits.maxBytes) {
					request.destroy();
					reject(tooLarge(field, limits.maxBytes));
					return;
				}
				chunks.push(chunk);
			});
			response.on('end', () => resolve({ data: Buffer.concat(chunks), contentType: mediaTypeOf(response.headers['content-type']), filename: filenameOf(response.headers['content-disposition'], url) }));
			response.on('error', (error) => reject(invalidField(field, `could not be fetched: ${error.message}`)));
		});
		request.setTimeout(remaining, () => request.destroy(timeout(field, limits.timeoutMs)));
		request.on('error', (error: Error & { code?: string }) => {
			if (error instanceof AppError) return reject(error);
			if (error.code === 'EPRIVATE') return reject(invalidField(field, 'points to a private or loopback address, which this service does not fetch'));
			reject(invalidField(field, `could not be fetched: ${error.message}`));
		});
	});
}

function timeout(field: string, timeoutMs: number): AppError {
	return new AppError(504, 'upstream_unavailable', `${field} did not answer within ${timeoutMs} ms`, { field, retryable: true });
}

function tooLarge(field: string, maxBytes: number): AppError {
	return invalidField(field, `is larger than the ${maxBytes} bytes this service fetches (WEB_MEDIA_MAX_BYTES)`);
}

function mediaTypeOf(header: string | undefined): string | undefined {
	const type = header?.split(';', 1)[0]?.trim().toLowerCase();
	return type && type.includes('/') && type !== 'application/octet-stream' ? type : undefined;
}

function filenameOf(disposition: string | undefined, url: URL): string | undefined {
	const fromHeader = disposition ? /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1] : undefined;
	const fromPath = decodeURIComponent(url.pathname.split('/').pop() ?? '');
	const name = (fromHeader ?? fromPath).replace(/[^\w .()-]/g, '_').slice(0, 200);
	return name && name.includes('.') ? name : undefined;
}
