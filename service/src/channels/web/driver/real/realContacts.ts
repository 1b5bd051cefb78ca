import { MessageMedia, type Client as LibraryClient, type Contact } from 'whatsapp-web.js';
import type { OwnProfileChanges, WebContactInfo } from '../webClient';
import { WebDriverError } from '../webDriverError';
import { libraryCall } from './libraryCall';

/** People and the account itself, through the library's Contact and Client calls. */

async function personOf(library: LibraryClient, userId: string): Promise<Contact> {
	const contact = await library.getContactById(userId).catch(() => undefined);
	if (!contact) throw new WebDriverError('chat_not_found', `WhatsApp has no person ${userId}`);
	return contact;
}

export async function setLibraryBlocked(library: LibraryClient, userId: string, blocked: boolean): Promise<void> {
	const contact = await personOf(library, userId);
	const changed = await libraryCall(`${blocked ? 'blocking' : 'unblocking'} ${userId}`, () => (blocked ? contact.block() : contact.unblock()));
	// The library answers false for what cannot be blocked (a group).
	if (!changed) throw new WebDriverError('not_allowed', `WhatsApp cannot ${blocked ? 'block' : 'unblock'} ${userId}`);
}

export async function libraryBlockedContacts(library: LibraryClient): Promise<string[]> {
	return (await library.getBlockedContacts()).map((contact) => contact.id._serialized);
}

export async function libraryContactInfo(library: LibraryClient, userId: string): Promise<WebContactInfo> {
	const contact = await personOf(library, userId);
	if (!contact.isWAContact && !contact.isMyContact) throw new WebDriverError('chat_not_found', `WhatsApp has no person ${userId}`);
	// Both depend on the person's privacy settings: what they hide is null, not an error.
	const [about, picture] = await Promise.all([contact.getAbout().catch(() => null), contact.getProfilePicUrl().catch(() => undefined)]);
	return {
		id: contact.id._serialized,
		number: contact.number || null,
		name: contact.name ?? null,
		pushName: contact.pushname || null,
		isBusiness: contact.isBusiness === true,
		isMyContact: contact.isMyContact === true,
		isBlocked: contact.isBlocked === true,
		about: about ?? null,
		profilePictureUrl: picture || null,
	};
}

export async function updateLibraryOwnProfile(library: LibraryClient, changes: OwnProfileChanges): Promise<void> {
	if (changes.displayName !== undefined && !(await library.setDisplayName(changes.displayName))) throw new WebDriverError('not_allowed', 'WhatsApp does not let this account change its name now');
	if (changes.about !== undefined) await library.setStatus(changes.about);
	if (changes.picture === null) await library.deleteProfilePicture();
	else if (changes.picture && !(await library.setProfilePicture(new MessageMedia(changes.picture.mimetype, changes.picture.data)))) throw new WebDriverError('not_allowed', 'WhatsApp refused the profile picture');
}

export async function setLibraryPresence(library: LibraryClient, state: 'available' | 'unavailable'): Promise<void> {
	await (state === 'available' ? library.sendPresenceAvailable() : library.sendPresenceUnavailable());
}
