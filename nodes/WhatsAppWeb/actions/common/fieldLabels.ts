import type { FieldLabels } from '../../../shared/fieldLabels';

/** The send body's fields by this node's labels. */
export const SEND_FIELD_LABELS: FieldLabels = [
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
