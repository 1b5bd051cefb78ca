import type { OutgoingContent, SendOptions } from './outgoingContent';
import { WebDriverError } from './webDriverError';

/** WhatsApp's own poll limits; the library does not check them and WhatsApp Web fails obscurely. */
export const POLL_MIN_OPTIONS = 2;
export const POLL_MAX_OPTIONS = 12;

const CHAT_ID = /^[^@\s]+@(c\.us|g\.us|lid|broadcast|newsletter)$/;

function invalid(message: string): never {
	throw new WebDriverError('invalid_argument', message);
}

/** Same checks for real and fake drivers, so a test that passes on the fake does not fail on the real one. */
export function validateOutgoing(chatId: string, content: OutgoingContent, options: SendOptions = {}): void {
	if (!CHAT_ID.test(chatId)) invalid(`not a WhatsApp chat id: ${chatId}`);
	switch (content.kind) {
		case 'text':
			if (content.text.length === 0) invalid('text is empty');
			break;
		case 'media':
			if (!content.media.mimetype.includes('/')) invalid(`bad mimetype: ${content.media.mimetype}`);
			if (content.media.data.length === 0 || content.media.data.startsWith('data:')) {
				invalid('media data must be non-empty base64 without a data: prefix');
			}
			break;
		case 'location':
			if (!(Math.abs(content.latitude) <= 90) || !(Math.abs(content.longitude) <= 180)) {
				invalid('latitude/longitude out of range');
			}
			break;
		case 'contact':
			if (!/^BEGIN:VCARD/i.test(content.vcard.trim()) || !/END:VCARD\s*$/i.test(content.vcard)) {
				invalid('vcard must be a BEGIN:VCARD ... END:VCARD text');
			}
			break;
		case 'poll': {
			const names = content.options.map((option) => option.trim());
			if (content.name.trim().length === 0) invalid('poll name is empty');
			if (names.length < POLL_MIN_OPTIONS || names.length > POLL_MAX_OPTIONS) {
				invalid(`a poll needs ${POLL_MIN_OPTIONS}-${POLL_MAX_OPTIONS} options`);
			}
			if (names.some((name) => name.length === 0) || new Set(names).size !== names.length) {
				invalid('poll options must be non-empty and distinct');
			}
			break;
		}
	}
	for (const mention of options.mentions ?? []) {
		if (!/^[^@\s]+@(c\.us|lid)$/.test(mention)) invalid(`mention must be a user id: ${mention}`);
	}
}
