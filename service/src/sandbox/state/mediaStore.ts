import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../clock';
import { newNumericId } from '../ids';

/**
 * Uploaded and inbound media, plus the short-lived download URLs handed out for them. Meta's URLs expire
 * after 5 minutes; uploaded media lives 30 days and media from webhooks 7 days.
 */
export interface MediaRecord {
	id: string;
	phoneNumberId: string;
	mimeType: string;
	sha256: string;
	fileSize: number;
	data: Buffer;
	filename?: string;
	origin: 'upload' | 'inbound' | 'provisioned';
	createdAt: number;
	expiresAt: number;
}

export interface MediaUrlGrant {
	mediaId: string;
	hash: string;
	expiresAt: number;
}

export const MEDIA_URL_TTL_MS = 5 * 60 * 1000;
export const UPLOADED_MEDIA_TTL_MS = 30 * 24 * 3600 * 1000;
export const INBOUND_MEDIA_TTL_MS = 7 * 24 * 3600 * 1000;

export interface NewMedia {
	id?: string;
	phoneNumberId: string;
	mimeType: string;
	data: Buffer;
	filename?: string;
	origin: MediaRecord['origin'];
}

export class MediaStore {
	private readonly records = new Map<string, MediaRecord>();
	private readonly grants = new Map<string, MediaUrlGrant>();

	constructor(private readonly clock: Clock) {}

	put(input: NewMedia): MediaRecord {
		const now = this.clock.now();
		const id = input.id ?? newNumericId(this.records);
		const record: MediaRecord = {
			id,
			phoneNumberId: input.phoneNumberId,
			mimeType: input.mimeType,
			sha256: createHash('sha256').update(input.data).digest('hex'),
			fileSize: input.data.length,
			data: input.data,
			filename: input.filename,
			origin: input.origin,
			createdAt: now,
			expiresAt: now + (input.origin === 'inbound' ? INBOUND_MEDIA_TTL_MS : UPLOADED_MEDIA_TTL_MS),
		};
		this.records.set(id, record);
		return record;
	}

	get(id: string): MediaRecord | undefined {
		const record = this.records.get(id);
		if (record && record.expiresAt <= this.clock.now()) {
			this.records.delete(id);
			return undefined;
		}
		return record;
	}

	delete(id: string): boolean {
		return this.records.delete(id);
	}

	/** Each lookup mints a fresh URL, like Meta's; old ones keep working until they expire. */
	grantUrl(mediaId: string): MediaUrlGrant {
		const now = this.clock.now();
		this.pruneGrants(now);
		const grant: MediaUrlGrant = { mediaId, hash: randomBytes(12).toString('base64url'), expiresAt: now + MEDIA_URL_TTL_MS };
		this.grants.set(grant.hash, grant);
		return grant;
	}

	/** The record behind a URL, or undefined when the URL is unknown, expired, or its media was deleted. */
	resolveUrl(mediaId: string, hash: string): MediaRecord | undefined {
		const grant = this.grants.get(hash);
		if (!grant || grant.mediaId !== mediaId) return undefined;
		if (grant.expiresAt <= this.clock.now()) {
			this.grants.delete(hash);
			return undefined;
		}
		return this.get(mediaId);
	}

	list(): MediaRecord[] {
		return [...this.records.values()];
	}

	clear(): void {
		this.records.clear();
		this.grants.clear();
	}

	private pruneGrants(now: number): void {
		if (this.grants.size < 10_000) return;
		for (const [hash, grant] of this.grants) if (grant.expiresAt <= now) this.grants.delete(hash);
	}
}
