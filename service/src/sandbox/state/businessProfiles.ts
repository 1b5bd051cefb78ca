/** A number's WhatsApp Business profile as Meta keeps it (fields absent until set). */
export interface BusinessProfile {
	about?: string;
	address?: string;
	description?: string;
	email?: string;
	websites?: string[];
	vertical?: string;
	profile_picture_url?: string;
}

/** Business profiles by phone_number_id; a number never updated has an empty one. */
export class BusinessProfiles {
	private readonly profiles = new Map<string, BusinessProfile>();

	get(phoneNumberId: string): BusinessProfile {
		return { ...(this.profiles.get(phoneNumberId) ?? {}) };
	}

	update(phoneNumberId: string, changes: BusinessProfile): void {
		this.profiles.set(phoneNumberId, { ...this.get(phoneNumberId), ...changes });
	}

	clear(): void {
		this.profiles.clear();
	}
}
