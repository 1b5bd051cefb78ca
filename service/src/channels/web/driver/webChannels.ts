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

/** Which of WhatsApp's directory lists a search without text reads (with text, WhatsApp ranks by the text). */
export const CHANNEL_SEARCH_VIEWS = ['recommended', 'trending', 'popular', 'new'] as const;
export type ChannelSearchView = (typeof CHANNEL_SEARCH_VIEWS)[number];

/** WhatsApp's directory answers one page; the library's default page is 50. */
export const CHANNEL_SEARCH_LIMITS = { text: 100, countries: 20, defaultLimit: 50, maxLimit: 100 } as const;

/** A search of WhatsApp's channel directory. */
export interface ChannelSearch {
	/** Words in the name or description; empty lists the view. */
	readonly text?: string;
	/** ISO 3166-1 alpha-2 codes of the countries the channels come from; WhatsApp takes the account's region when none. */
	readonly countryCodes?: readonly string[];
	readonly view?: ChannelSearchView;
	readonly limit?: number;
	/** Leave out the channels this account already follows. */
	readonly skipFollowed?: boolean;
}

/**
 * Channels on one ready session: those it owns, administers or follows, those it looks up by invite link or finds in
 * WhatsApp's directory, and their admins. Unknown channels reject with chat_not_found; what only owners may do, and
 * changes WhatsApp refuses, reject with not_allowed. Posting is a send to the channel's id (`sendMessage`), which
 * WhatsApp allows its owner and admins only. People are user ids (`…@c.us`, `…@lid`).
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
	/** Public channels in WhatsApp's directory, followed or not. */
	search(query: ChannelSearch): Promise<WebChannelInfo[]>;
	/**
	 * Owner only: asks a person to become an admin (WhatsApp sends them an invite message). invalid_argument when the
	 * person is not on WhatsApp; not_allowed when they already are an admin.
	 */
	inviteAdmin(channelId: string, userId: string, options?: { comment?: string }): Promise<void>;
	/** Owner only: withdraws an invite the person has not accepted yet (not_allowed when there is none). */
	revokeAdminInvite(channelId: string, userId: string): Promise<void>;
	/** This account accepts an admin invite it received for the channel (not_allowed when it has none). */
	acceptAdminInvite(channelId: string): Promise<void>;
	/** Makes an admin a follower again: the owner demotes anyone but itself, an admin may demote itself. */
	demoteAdmin(channelId: string, userId: string): Promise<void>;
	/**
	 * Owner only: hands the channel to one of its admins. This account stays an admin unless dismissSelfAsAdmin,
	 * then it only follows.
	 */
	transferOwnership(channelId: string, newOwnerId: string, options?: { dismissSelfAsAdmin?: boolean }): Promise<void>;
}
