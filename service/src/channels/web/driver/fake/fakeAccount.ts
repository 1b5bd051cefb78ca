import type { OwnProfileChanges, WebContactInfo } from '../webClient';
import { WebDriverError } from '../webDriverError';
import { userOf } from './fakeIds';

/** WhatsApp's default About text. */
const DEFAULT_ABOUT = 'Hey there! I am using WhatsApp.';

/** What the fake account keeps about itself and others: who it blocked, its presence, its name, About and picture. */
export class FakeAccount {
	private readonly blockedUsers = new Set<string>();
	private presenceState: 'available' | 'unavailable' | undefined;
	private readonly own: { displayName?: string; about?: string; hasPicture?: boolean } = {};

	constructor(private readonly isOnWhatsApp: (user: string) => boolean) {}

	/** A person (`…@c.us` or `…@lid`) WhatsApp has. */
	requirePerson(userId: string): void {
		if (!/@(c\.us|lid)$/.test(userId) || !this.isOnWhatsApp(userOf(userId))) throw new WebDriverError('chat_not_found', `WhatsApp has no person ${userId}`);
	}

	setBlocked(userId: string, blocked: boolean): void {
		this.requirePerson(userId);
		if (blocked) this.blockedUsers.add(userId);
		else this.blockedUsers.delete(userId);
	}

	isBlocked(userId: string): boolean {
		return this.blockedUsers.has(userId);
	}

	blocked(): string[] {
		return [...this.blockedUsers];
	}

	/** The fake's people have no names or pictures; their About is WhatsApp's default. */
	contactInfo(userId: string): WebContactInfo {
		this.requirePerson(userId);
		return { id: userId, number: userOf(userId), name: null, pushName: null, isBusiness: false, isMyContact: false, isBlocked: this.isBlocked(userId), about: DEFAULT_ABOUT, profilePictureUrl: null };
	}

	set presence(state: 'available' | 'unavailable' | undefined) {
		this.presenceState = state;
	}

	get presence(): 'available' | 'unavailable' | undefined {
		return this.presenceState;
	}

	updateProfile(changes: OwnProfileChanges): void {
		if (changes.displayName !== undefined) this.own.displayName = changes.displayName;
		if (changes.about !== undefined) this.own.about = changes.about;
		if (changes.picture !== undefined) this.own.hasPicture = changes.picture !== null;
	}

	get profile(): { readonly displayName?: string; readonly about?: string; readonly hasPicture?: boolean } {
		return { ...this.own };
	}
}
