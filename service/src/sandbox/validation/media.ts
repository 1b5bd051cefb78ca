import type { MediaKind } from '../state/mediaTypes';
import { childPath, invalid, type JsonObject, optionalString, requireString } from './fields';

/**
 * A media object in a send (`image`, an interactive header's `video`, a template header parameter...):
 * exactly one of `id` (an uploaded media) or `link` (a URL Meta downloads). The id's existence and the
 * link's reachability are checked later, against the simulator's state.
 */
export interface MediaReference {
	path: string;
	kind: MediaKind;
	id?: string;
	link?: string;
}

export interface MediaObjectRules {
	caption?: boolean;
	filename?: boolean;
}

export const CAPTION_MAX = 1024;
const FILENAME_MAX = 240;

export function validateMediaObject(media: JsonObject, path: string, kind: MediaKind, rules: MediaObjectRules = {}): MediaReference {
	const hasId = media.id !== undefined && media.id !== null;
	const hasLink = media.link !== undefined && media.link !== null;
	if (hasId && hasLink) throw invalid.value(path, 'must contain either id or link, not both');
	if (!hasId && !hasLink) throw invalid.required(`${childPath(path, 'id')} or ${childPath(path, 'link')}`);
	const reference: MediaReference = { path, kind };
	if (hasId) reference.id = requireString(media, 'id', path);
	else reference.link = requireString(media, 'link', path, { max: 2048 });
	if (rules.caption) optionalString(media, 'caption', path, { max: CAPTION_MAX, allowEmpty: true });
	else if (media.caption !== undefined) throw invalid.notAllowed(childPath(path, 'caption'), `${kind} messages have no caption`);
	if (rules.filename) optionalString(media, 'filename', path, { max: FILENAME_MAX });
	else if (media.filename !== undefined) throw invalid.notAllowed(childPath(path, 'filename'), `only documents have a filename`);
	return reference;
}

/** True when a link could be downloaded by Meta at all: an absolute http(s) URL. */
export function isDownloadableLink(link: string): boolean {
	try {
		const url = new URL(link);
		return url.protocol === 'http:' || url.protocol === 'https:';
	} catch {
		return false;
	}
}
