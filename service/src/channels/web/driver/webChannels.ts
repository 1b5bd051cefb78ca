/** This account's place in a channel: owner (created it), admin, subscriber (follows it), guest (neither). */
export type ChannelRole = 'owner' | 'admin' | 'subscriber' | 'guest';

/** A WhatsApp channel (a newsletter: one-way broadcasts to followers), as WhatsApp Web shows it to this account. */
export interface WebChannelInfo {
	/** `<digits>@newsletter`. */
	readonly id: string;
	readonly name: string;
	readonly description: string;
	readonly role: ChannelRole;
	/** `https://whatsapp.com/channel/<code>`, when WhatsApp says. */
	readonly inviteLink: string | null;
	/** Followers, when WhatsApp says (it tells owners and admins). */
	readonly subscribers: number | null;
	readonly verified: boolean;
	readonly muted: boolean;
	/** Seconds; 0 when unknown. */
	readonly createdAt: number;
}

/** Lengths checked before WhatsApp is asked (a channel name is as short as a group subject). */
export const CHANNEL_LIMITS = { name: 100, description: 2048 } as const;

/**
 * Channels on one ready session: those it owns, administers or follows, and those it looks up by invite link.
 * Unknown channels reject with chat_not_found; what only owners may do rejects with not_allowed. Posting is a send
 * to the channel's id (`sendMessage`), which WhatsApp allows its owner and admins only.
 */
export interface WebChannels {
	/** Channels this account owns, administers or follows. */
	list(): Promise<WebChannelInfo[]>;
	get(channelId: string): Promise<WebChannelInfo>;
	/** A channel by the code of its invite link (`https://whatsapp.com/channel/<code>`), followed or not. */
	byInviteCode(inviteCode: string): Promise<WebChannelInfo>;
	/** Creates a channel this account owns; not_allowed when WhatsApp does not let this account create channels. */
	create(name: string, options?: { description?: string }): Promise<WebChannelInfo>;
	/** Follows (subscribes) or unfollows; an owner cannot unfollow its own channel (not_allowed). */
	setFollowing(channelId: string, following: boolean): Promise<void>;
	/** Deletes a channel this account owns (not_allowed otherwise). */
	remove(channelId: string): Promise<void>;
}
