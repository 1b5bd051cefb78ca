import { randomBytes } from 'node:crypto';
import { WebDriverError } from '../webDriverError';
import { CHANNEL_LIMITS, CHANNEL_SEARCH_LIMITS, type ChannelRole, type ChannelSearch, type WebChannelInfo, type WebChannels } from '../webChannels';
import { nowSeconds, userOf } from './fakeIds';

/** What the channels need of their client: readiness, who we are, and who has WhatsApp. */
export interface FakeChannelsLink {
	readonly ownId: string;
	requireReady(): void;
	isOnWhatsApp(user: string): boolean;
}

interface ChannelRecord {
	id: string;
	name: string;
	description: string;
	inviteCode: string;
	subscribers: number;
	verified: boolean;
	createdAt: number;
	/** ISO 3166-1 alpha-2: where the directory says the channel comes from. */
	country: string;
	owner: string;
	admins: Set<string>;
	/** People asked to become admins who have not accepted yet. */
	invites: Set<string>;
	/** Whether this account follows it (its owner and admins always do). */
	following: boolean;
}

const channelIdNew = (): string => `120363${randomBytes(6).readUIntBE(0, 6).toString().padStart(15, '0')}@newsletter`;
const inviteCodeNew = (): string => randomBytes(16).toString('base64url').slice(0, 22);
const someoneElse = (): string => `1555${randomBytes(4).readUInt32BE(0).toString().padStart(10, '0')}@c.us`;

/**
 * WhatsApp channels for the fake driver: those this account created (owner), and public ones others run that it may
 * find by invite link or in the directory, and follow. Followers only read: posting, like deleting, is for owners
 * (and admins); inviting, demoting admins and handing the channel over are for its owner.
 */
export class FakeChannels implements WebChannels {
	private readonly channels = new Map<string, ChannelRecord>();

	constructor(private readonly link: FakeChannelsLink) {}

	async list(): Promise<WebChannelInfo[]> {
		this.link.requireReady();
		return [...this.channels.values()].filter((channel) => this.roleIn(channel) !== 'guest').map((channel) => this.infoOf(channel));
	}

	async get(channelId: string): Promise<WebChannelInfo> {
		return this.infoOf(this.channel(channelId));
	}

	async byInviteCode(inviteCode: string): Promise<WebChannelInfo> {
		this.link.requireReady();
		const channel = [...this.channels.values()].find((candidate) => candidate.inviteCode === inviteCode);
		if (!channel) throw new WebDriverError('invalid_argument', 'is not the invite code of a channel');
		return this.infoOf(channel);
	}

	async create(name: string, options: { description?: string } = {}): Promise<WebChannelInfo> {
		this.link.requireReady();
		if (!name.trim() || name.length > CHANNEL_LIMITS.name) throw new WebDriverError('invalid_argument', `a channel name has 1 to ${CHANNEL_LIMITS.name} characters`);
		const record = this.record({ name, description: options.description ?? '', owner: this.link.ownId, following: true });
		return this.infoOf(record);
	}

	async setFollowing(channelId: string, following: boolean): Promise<void> {
		const channel = this.channel(channelId);
		const role = this.roleIn(channel);
		if (role === 'owner') throw new WebDriverError('not_allowed', 'the owner of a channel cannot follow or unfollow it');
		if (following === channel.following) return;
		channel.following = following;
		// An admin who leaves stops running the channel.
		if (!following) channel.admins.delete(this.link.ownId);
		channel.subscribers += following ? 1 : -1;
	}

	async remove(channelId: string): Promise<void> {
		const channel = this.channel(channelId);
		if (this.roleIn(channel) !== 'owner') throw new WebDriverError('not_allowed', 'only the owner of a channel can delete it');
		this.channels.delete(channelId);
	}

	/** The directory: every channel this fake knows, matched on name or description; all countries unless told. */
	async search(query: ChannelSearch): Promise<WebChannelInfo[]> {
		this.link.requireReady();
		const text = query.text?.trim().toLowerCase() ?? '';
		const countries = new Set((query.countryCodes ?? []).map((code) => code.toUpperCase()));
		const found = [...this.channels.values()].filter(
			(channel) =>
				(!text || `${channel.name}\n${channel.description}`.toLowerCase().includes(text)) &&
				(countries.size === 0 || countries.has(channel.country)) &&
				!(query.skipFollowed && this.roleIn(channel) !== 'guest'),
		);
		found.sort(query.view === 'new' ? (a, b) => b.createdAt - a.createdAt : (a, b) => b.subscribers - a.subscribers);
		return found.slice(0, query.limit ?? CHANNEL_SEARCH_LIMITS.defaultLimit).map((channel) => this.infoOf(channel));
	}

	async inviteAdmin(channelId: string, userId: string): Promise<void> {
		const channel = this.ownedChannel(channelId, 'invite admins');
		if (userId.endsWith('@c.us') && !this.link.isOnWhatsApp(userOf(userId))) throw new WebDriverError('invalid_argument', `${userId} is not on WhatsApp`);
		if (userId === channel.owner || channel.admins.has(userId)) throw new WebDriverError('not_allowed', `${userId} already runs channel ${channelId}`);
		// Asking again while one is pending sends the invite again, as WhatsApp does.
		channel.invites.add(userId);
	}

	async revokeAdminInvite(channelId: string, userId: string): Promise<void> {
		const channel = this.ownedChannel(channelId, 'revoke admin invites');
		if (!channel.invites.delete(userId)) throw new WebDriverError('not_allowed', `${userId} has no pending admin invite for channel ${channelId}`);
	}

	async acceptAdminInvite(channelId: string): Promise<void> {
		const channel = this.channel(channelId);
		if (!channel.invites.has(this.link.ownId)) throw new WebDriverError('not_allowed', `this account has no admin invite for channel ${channelId}`);
		this.promote(channel, this.link.ownId);
	}

	async demoteAdmin(channelId: string, userId: string): Promise<void> {
		const channel = this.channel(channelId);
		const me = this.link.ownId;
		const role = this.roleIn(channel);
		if (role === 'owner' && userId === me) throw new WebDriverError('not_allowed', 'the owner cannot demote itself; transfer the channel to an admin first');
		if (role !== 'owner' && !(role === 'admin' && userId === me)) throw new WebDriverError('not_allowed', 'only the owner of a channel can demote its admins (an admin may demote itself)');
		if (!channel.admins.delete(userId)) throw new WebDriverError('not_allowed', `${userId} is not an admin of channel ${channelId}`);
	}

	async transferOwnership(channelId: string, newOwnerId: string, options: { dismissSelfAsAdmin?: boolean } = {}): Promise<void> {
		const channel = this.ownedChannel(channelId, 'transfer it');
		if (!channel.admins.has(newOwnerId)) throw new WebDriverError('not_allowed', `${newOwnerId} is not an admin of channel ${channelId}; WhatsApp hands a channel only to one of its admins`);
		channel.admins.delete(newOwnerId);
		channel.owner = newOwnerId;
		if (!options.dismissSelfAsAdmin) channel.admins.add(this.link.ownId);
	}

	/** Why a send to this chat is refused when it is a channel: unknown here, or one this account does not run. */
	postRefusal(chatId: string): WebDriverError | undefined {
		if (!chatId.endsWith('@newsletter')) return undefined;
		const channel = this.channels.get(chatId);
		if (!channel) return new WebDriverError('chat_not_found', `WhatsApp Web has no channel ${chatId}`);
		const role = this.roleIn(channel);
		if (role !== 'owner' && role !== 'admin') return new WebDriverError('not_allowed', `only the owner and admins of channel ${chatId} can post to it`);
		return undefined;
	}

	/** Test helper: a public channel someone else runs, not followed, found by its invite code or in the directory. */
	seed(spec: { name: string; description?: string; subscribers?: number; verified?: boolean; country?: string; createdAt?: number; owner?: string }): { id: string; inviteCode: string } {
		const record = this.record({ ...spec, description: spec.description ?? '', owner: spec.owner ?? someoneElse(), following: false });
		return { id: record.id, inviteCode: record.inviteCode };
	}

	/** Test helper: the channel's owner invites this account to become an admin. */
	receiveAdminInvite(channelId: string): void {
		this.mustExist(channelId).invites.add(this.link.ownId);
	}

	/** Test helper: someone this account invited accepts, as they would on their phone. */
	acceptAdminInviteAs(channelId: string, userId: string): void {
		const channel = this.mustExist(channelId);
		if (!channel.invites.has(userId)) throw new Error(`${userId} has no admin invite for ${channelId}`);
		this.promote(channel, userId);
	}

	/** Test helper: who runs the channel and who is invited to. */
	staffOf(channelId: string): { owner: string; admins: string[]; invites: string[] } {
		const channel = this.mustExist(channelId);
		return { owner: channel.owner, admins: [...channel.admins], invites: [...channel.invites] };
	}

	private record(spec: { name: string; description: string; owner: string; following: boolean; subscribers?: number; verified?: boolean; country?: string; createdAt?: number }): ChannelRecord {
		const record: ChannelRecord = {
			id: channelIdNew(),
			name: spec.name,
			description: spec.description,
			inviteCode: inviteCodeNew(),
			subscribers: spec.subscribers ?? 0,
			verified: spec.verified ?? false,
			createdAt: spec.createdAt ?? nowSeconds(),
			country: (spec.country ?? 'US').toUpperCase(),
			owner: spec.owner,
			admins: new Set(),
			invites: new Set(),
			following: spec.following,
		};
		this.channels.set(record.id, record);
		return record;
	}

	private promote(channel: ChannelRecord, userId: string): void {
		channel.invites.delete(userId);
		channel.admins.add(userId);
		if (userId === this.link.ownId) channel.following = true;
	}

	private roleIn(channel: ChannelRecord): ChannelRole {
		const me = this.link.ownId;
		if (channel.owner === me) return 'owner';
		if (channel.admins.has(me)) return 'admin';
		return channel.following ? 'subscriber' : 'guest';
	}

	private ownedChannel(channelId: string, doing: string): ChannelRecord {
		const channel = this.channel(channelId);
		if (this.roleIn(channel) !== 'owner') throw new WebDriverError('not_allowed', `only the owner of a channel can ${doing}`);
		return channel;
	}

	private channel(channelId: string): ChannelRecord {
		this.link.requireReady();
		return this.mustExist(channelId);
	}

	private mustExist(channelId: string): ChannelRecord {
		const channel = this.channels.get(channelId);
		if (!channel) throw new WebDriverError('chat_not_found', `no channel ${channelId}`);
		return channel;
	}

	private infoOf(channel: ChannelRecord): WebChannelInfo {
		const role = this.roleIn(channel);
		return {
			id: channel.id,
			name: channel.name,
			description: channel.description,
			role,
			inviteLink: `https://whatsapp.com/channel/${channel.inviteCode}`,
			// WhatsApp tells the follower count to those who run the channel.
			subscribers: role === 'owner' || role === 'admin' ? channel.subscribers : null,
			verified: channel.verified,
			muted: false,
			createdAt: channel.createdAt,
		};
	}
}
