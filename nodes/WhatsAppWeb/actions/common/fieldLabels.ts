import { NodeApiError } from 'n8n-workflow';

/** The service names request fields by their path in the send body; this node's users know them by their labels. */
const LABELS: Array<[RegExp, string]> = [
	[/^body\.to$/, 'Chat'],
	[/^body\.from$/, 'Session'],
	[/^body\.replyTo$/, 'Quote Message ID'],
	[/^body\.mentions(\.\d+)?$/, 'Mentions'],
	[/^body\.text\.body$/, 'Text'],
	[/^body\.(image|video|audio|document|sticker)\.link$/, 'URL'],
	[/^body\.(image|video|audio|document|sticker)\.base64$/, 'Base64 Content'],
	[/^body\.(image|video|audio|document|sticker)\.mimeType$/, 'MIME Type'],
	[/^body\.(image|video|audio|document|sticker)\.id$/, 'Message ID (Media of a Message)'],
	[/^body\.(image|video|audio|document|sticker)\.caption$/, 'Caption'],
	[/^body\.(image|video|audio|document|sticker)\.filename$/, 'File Name'],
	[/^body\.(image|video|audio|document|sticker)\.voice$/, 'Send As'],
	[/^body\.(image|video|audio|document|sticker)$/, 'Take Media From'],
	[/^body\.location\.latitude$/, 'Latitude'],
	[/^body\.location\.longitude$/, 'Longitude'],
	[/^body\.location\./, 'Location Details'],
	[/^body\.contacts/, 'Contact'],
	[/^body\.poll\.name$/, 'Question'],
	[/^body\.poll\.options/, 'Answers'],
	[/^body\.reaction\.messageId$/, 'Message ID'],
	[/^body\.reaction\.emoji$/, 'Emoji'],
];

const FIELD_PATH = /\bbody(?:\.[A-Za-z0-9_]+)+/g;

function labelled(text: string): string {
	return text.replace(FIELD_PATH, (path) => {
		const label = LABELS.find(([pattern]) => pattern.test(path))?.[1];
		return label ? `${label} (${path})` : path;
	});
}

/** Puts this node's field labels beside the service's field paths in an error's message and description. */
export function withFieldLabels(error: unknown): unknown {
	if (!(error instanceof NodeApiError)) return error;
	error.message = labelled(error.message);
	if (typeof error.description === 'string') error.description = labelled(error.description);
	return error;
}
