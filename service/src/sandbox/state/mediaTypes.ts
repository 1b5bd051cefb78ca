/**
 * Which files Cloud API accepts, per media kind, and how large they may be (contract A.3).
 */
export type MediaKind = 'audio' | 'document' | 'image' | 'sticker' | 'video';

const MB = 1024 * 1024;

export const MEDIA_RULES: Record<MediaKind, { mimeTypes: readonly string[]; maxBytes: number }> = {
	audio: { mimeTypes: ['audio/aac', 'audio/amr', 'audio/mpeg', 'audio/mp4', 'audio/ogg'], maxBytes: 16 * MB },
	document: {
		mimeTypes: [
			'text/plain',
			'application/pdf',
			'application/msword',
			'application/vnd.ms-excel',
			'application/vnd.ms-powerpoint',
			'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
			'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'application/vnd.openxmlformats-officedocument.presentationml.presentation',
		],
		maxBytes: 100 * MB,
	},
	image: { mimeTypes: ['image/jpeg', 'image/png'], maxBytes: 5 * MB },
	// Animated stickers may be 500 KB, static ones 100 KB; the simulator cannot tell them apart, so it allows the larger.
	sticker: { mimeTypes: ['image/webp'], maxBytes: 500 * 1024 },
	video: { mimeTypes: ['video/mp4', 'video/3gpp'], maxBytes: 16 * MB },
};

export const ALL_MEDIA_MIME_TYPES: readonly string[] = Object.values(MEDIA_RULES).flatMap((rule) => rule.mimeTypes);

export const MAX_MEDIA_BYTES = 100 * MB;

/** `audio/ogg; codecs=opus` and `audio/ogg` are the same type for the allow-list. */
export function baseMime(mime: string): string {
	return mime.split(';')[0]!.trim().toLowerCase();
}

export function kindOfMime(mime: string): MediaKind | undefined {
	const base = baseMime(mime);
	for (const [kind, rule] of Object.entries(MEDIA_RULES) as Array<[MediaKind, (typeof MEDIA_RULES)[MediaKind]]>) {
		if (rule.mimeTypes.includes(base)) return kind;
	}
	return undefined;
}

/**
 * Recognises a few well-known file signatures so an upload whose bytes contradict its declared type can be
 * refused with 131053, as Meta does. Unrecognised content is accepted: tests upload arbitrary bytes.
 */
export function sniffMime(data: Buffer): string | undefined {
	if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
	if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
	if (data.length >= 12 && data.toString('latin1', 0, 4) === 'RIFF' && data.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
	if (data.length >= 5 && data.toString('latin1', 0, 5) === '%PDF-') return 'application/pdf';
	if (data.length >= 4 && data.toString('latin1', 0, 4) === 'OggS') return 'audio/ogg';
	if (data.length >= 12 && data.toString('latin1', 4, 8) === 'ftyp') {
		const brand = data.toString('latin1', 8, 12);
		if (brand.startsWith('3gp')) return 'video/3gpp';
		if (brand === 'M4A ') return 'audio/mp4';
		return 'video/mp4';
	}
	return undefined;
}

/** Sniffed and declared types agree when they are the same, or when the container is ambiguous (mp4). */
export function contentMatchesDeclared(declared: string, sniffed: string | undefined): boolean {
	if (sniffed === undefined) return true;
	const base = baseMime(declared);
	if (base === sniffed) return true;
	const mp4Family = ['video/mp4', 'audio/mp4', 'video/3gpp', 'audio/aac'];
	return mp4Family.includes(base) && mp4Family.includes(sniffed);
}

/** Placeholder bytes for injected inbound media, with a real signature so downloads look plausible. */
export function placeholderContent(mime: string): Buffer {
	const base = baseMime(mime);
	const filler = Buffer.from(' sandbox media placeholder ');
	const signatures: Record<string, Buffer> = {
		'image/jpeg': Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
		'image/png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		'image/webp': Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBP')]),
		'application/pdf': Buffer.from('%PDF-1.4\n'),
		'audio/ogg': Buffer.from('OggS'),
		'video/mp4': Buffer.concat([Buffer.alloc(4), Buffer.from('ftypisom')]),
	};
	return Buffer.concat([signatures[base] ?? Buffer.alloc(0), filler]);
}

export function defaultMimeForKind(kind: MediaKind): string {
	switch (kind) {
		case 'image':
			return 'image/jpeg';
		case 'video':
			return 'video/mp4';
		case 'audio':
			return 'audio/ogg';
		case 'document':
			return 'application/pdf';
		case 'sticker':
			return 'image/webp';
	}
}
