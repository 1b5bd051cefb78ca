import { GraphError } from '../../../sandbox/graph/errors';
import { parseMessagesRequest } from '../../../sandbox/validation/messageRequest';
import { badRequest, invalidField, notSupportedOnChannel } from '../../../shared/errors';
import type { MediaSource, OutboundMessage } from '../../messages';
import { checkMediaFile } from './mediaRules';
import { requestFieldOf } from './fieldPaths';
import { mediaTypeOf, toGraphMessage } from './toGraphMessage';

/**
 * Refuses, before anything leaves, what Meta would refuse: first what only our envelope can get wrong (features
 * the Cloud API lacks, inline media), then Meta's own rules over the Graph body we would send. Those rules are the
 * ones the simulator answers with, shared rather than written twice; its tests hold them to Meta's OpenAPI examples.
 */
export function validateOutbound(message: OutboundMessage): void {
	if (message.type === 'poll') throw notSupportedOnChannel('cloud', 'Poll messages');
	if (message.mentions?.length) throw notSupportedOnChannel('cloud', 'Mentions');
	if (message.location?.url !== undefined) throw notSupportedOnChannel('cloud', 'A location url');
	const mediaType = mediaTypeOf(message);
	if (mediaType) checkMediaSource(`body.${mediaType}`, mediaType, message[mediaType]);

	try {
		parseMessagesRequest(toGraphMessage(message));
	} catch (error) {
		if (error instanceof GraphError && error.field) {
			const field = requestFieldOf(error.field);
			throw invalidField(field, problemText(error, error.field));
		}
		if (error instanceof GraphError) throw badRequest(error.details ?? error.message);
		throw error;
	}
}

/** "Param text.body must be at most 4096 characters long." → "must be at most 4096 characters long" */
function problemText(error: GraphError, metaField: string): string {
	const text = (error.details ?? error.message).replace(/\.$/, '');
	if (text.startsWith(`The parameter ${metaField} is required`)) return 'is required';
	const prefix = `Param ${metaField} `;
	return text.startsWith(prefix) ? text.slice(prefix.length) : text;
}

function checkMediaSource(field: string, type: NonNullable<ReturnType<typeof mediaTypeOf>>, source: MediaSource | undefined): void {
	if (!source) throw invalidField(field, `is required for a ${type} message`);
	const given = (['id', 'link', 'base64'] as const).filter((key) => source[key] !== undefined);
	if (given.length !== 1) throw invalidField(field, `must have exactly one of id, link or base64 (got ${given.length === 0 ? 'none' : given.join(' and ')})`);
	if (source.link !== undefined && !/^https?:\/\//i.test(source.link)) throw invalidField(`${field}.link`, 'must be an http or https URL');
	if (source.voice && type !== 'audio') throw invalidField(`${field}.voice`, 'is only for audio');
	if (source.voice && source.mimeType && !source.mimeType.toLowerCase().startsWith('audio/ogg')) throw invalidField(`${field}.mimeType`, 'must be audio/ogg (OPUS) for a voice note');
	if (source.filename !== undefined && type !== 'document' && source.base64 === undefined) throw invalidField(`${field}.filename`, 'is only sent with documents');
	if (source.base64 === undefined) return;
	if (!source.mimeType) throw invalidField(`${field}.mimeType`, 'is required with base64 (the file is uploaded to Meta first)');
	if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(source.base64)) throw invalidField(`${field}.base64`, 'is not base64');
	checkMediaFile(`${field}.base64`, { mimeType: source.mimeType, size: decodedLength(source.base64), kind: type });
}

/** Size of the decoded bytes without decoding them (validation runs before the body is worth the memory). */
function decodedLength(base64: string): number {
	const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
	return Math.floor((base64.length * 3) / 4) - padding;
}
