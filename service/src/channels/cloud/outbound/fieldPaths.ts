/**
 * Meta names fields by their place in the Graph send body; callers wrote our request body. Structures we take in
 * Meta's shape (interactive, template, contacts) keep their names; only our own envelope fields differ.
 */
const RENAMES: ReadonlyArray<readonly [RegExp, string]> = [
	[/^context\.message_id\b/, 'replyTo'],
	[/^context\b/, 'replyTo'],
	[/^biz_opaque_callback_data\b/, 'bizOpaqueCallbackData'],
	[/^text\.preview_url\b/, 'text.previewUrl'],
	[/^reaction\.message_id\b/, 'reaction.messageId'],
];

export function requestFieldOf(metaPath: string): string {
	return metaPath
		.split(' or ')
		.map((part) => {
			const rename = RENAMES.find(([pattern]) => pattern.test(part));
			return `body.${rename ? part.replace(rename[0], rename[1]) : part}`;
		})
		.join(' or ');
}
