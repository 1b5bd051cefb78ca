import { badRequest, invalidField } from '../../../shared/errors';
import { baseMime, MEDIA_RULES, type MediaKind } from '../../../sandbox/state/mediaTypes';

/**
 * Meta's accepted types and sizes per media kind (contract A.3). The simulator answers from the same table, so a
 * file we let through is one Meta takes, and one we refuse never costs a Graph call.
 */
export { baseMime, type MediaKind };

export function isMediaKind(value: string): value is MediaKind {
	return value in MEDIA_RULES;
}

/** The kind a mime type belongs to, preferring the one asked for (image/webp is only ever a sticker). */
export function kindForMime(mimeType: string, wanted?: MediaKind): MediaKind | undefined {
	const base = baseMime(mimeType);
	if (wanted) return MEDIA_RULES[wanted].mimeTypes.includes(base) ? wanted : undefined;
	return (Object.keys(MEDIA_RULES) as MediaKind[]).find((kind) => MEDIA_RULES[kind].mimeTypes.includes(base));
}

/** Throws a 400 naming `field` when the file cannot be sent as `kind` (or as any kind, when none is given). */
export function checkMediaFile(field: string, input: { mimeType: string; size: number; kind?: MediaKind }): MediaKind {
	const kind = kindForMime(input.mimeType, input.kind);
	if (!kind) {
		const allowed = input.kind ? MEDIA_RULES[input.kind].mimeTypes : Object.values(MEDIA_RULES).flatMap((rule) => rule.mimeTypes);
		throw invalidField(field, `has type ${baseMime(input.mimeType) || 'unknown'}, which WhatsApp does not accept${input.kind ? ` as ${input.kind}` : ''} (allowed: ${allowed.join(', ')})`);
	}
	if (input.size === 0) throw invalidField(field, 'is empty');
	const max = MEDIA_RULES[kind].maxBytes;
	if (input.size > max) throw badRequest(`${field} is ${input.size} bytes; WhatsApp accepts ${kind} files up to ${max} bytes`, [{ field, message: `must be at most ${max} bytes for ${kind}` }]);
	return kind;
}
