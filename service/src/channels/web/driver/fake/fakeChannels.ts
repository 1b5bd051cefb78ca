import { randomBytes } from 'node:crypto';
import { WebDriverError } from '../webDriverError';
import { CHANNEL_LIMITS, type ChannelRole, type WebChannelInfo, type WebChannels } from '../webChannels';
import { nowSeconds } from './fakeIds';

interface ChannelRecord {
	id: string;
	name: string;
	description: string;
	role: ChannelRole;
	inviteCode: string;
	subscribers: number;
	verified: boolean;
	createdAt: number;
}

const channelIdNew = (): string => `120363${randomBytes(6).readUIntBE(0, 6).toString().padStart(15, '0')}@newsletter`;
const inviteCodeNew = (): string => randomBytes(16).toString('base64url').slice(0, 22);

/**
 * WhatsApp channels for the fake driver: those this account created (owner), and public ones others run that it may
 * find by invite link and follow. Followers only read: posting, like deleting, is for owners (and admins).
 */
export class FakeChannels implements WebChannels {
	private readonly channels = new Map<string, ChannelRecord>();

	constructor(private readonly requireReady: () => void) {}

	async list(): Promise<WebChannelInfo[]> {
		this.requireReady();
		return [...this.channels.values()].filter((channel) => channel.role !== 'guest').map(infoOf);
	}

	async get(channelId: string): Promise<WebChannelInfo> {
		return infoOf(this.channel(channelId));
	}

	async byInviteCode(inviteCode: string): Promise<WebChannelInfo> {
		this.requireReady();
		const channel = [...this.channels.values()].find((candidate) => candidate.inviteCode === inviteCode);
		if (!channel) throw new WebDriverError('invalid_argument', 'is not the invite code of a channel');
		return infoOf(channel);
	}

	async create(name: string, options: { description?: string } = {}): Promise<WebChannelInfo> {
		this.requireReady();
		if (!name.trim() || name.length > CHANNEL_LIMITS.name) throw new WebDriverError('invalid_argument', `a channel name has 1 to ${CHANNEL_LIMITS.name} characters`);
		const record: ChannelRecord = { id: channelIdNew(), name, description: options.description ?? '', role: 'owner', inviteCode: inviteCodeNew(), subscribers: 0, verified: false, createdAt: nowSeconds() };
		this.channels.set(record.id, record);
		return infoOf(record);
	}

	async setFollowing(channelId: string, following: boolean): Promise<void> {
		const channel = this.channel(channelId);
		if (channel.role === 'owner') throw new WebDriverError('not_allowed', 'the owner of a channel cannot follow or unfollow it');
		const follows = channel.role === 'subscriber' || channel.role === 'admin';
		if (following === follows) return;
		channel.role = following ? 'subscriber' : 'guest';
		channel.subscribers += following ? 1 : -1;
	}

	async remove(channelId: string): Promise<void> {
		const channel = this.channel(channelId);
		if (channel.role !== 'owner') throw new WebDriverError('not_allowed', 'only the owner of a channel can delete it');
		this.channels.delete(channelId);
	}

	/** Why a send to this chat is refused when it is a channel: unknown here, or one this account does not run. */
	postRefusal(chatId: string): WebDriverError | undefined {
		if (!chatId.endsWith('@newsletter')) return undefined;
		const channel = this.channels.get(chatId);
		if (!channel) return new WebDriverError('chat_not_found', `WhatsApp Web has no channel ${chatId}`);
		if (channel.role !== 'owner' && channel.role !== 'admin') return new WebDriverError('not_allowed', `only the owner and admins of channel ${chatId} can post to it`);
		return undefined;
	}

	/** Test helper: a public channel someone else runs, not followed, found by its invite code. */
	seed(spec: { name: string; description?: string; subscribers?: number; verified?: boolean }): { id: string; inviteCode: string } {
		const record: ChannelRecord = { id: channelIdNew(), name: spec.name, description: spec.description ?? '', role: 'guest', inviteCode: inviteCodeNew(), subscribers: spec.subscribers ?? 0, verified: spec.verified ?? false, createdAt: nowSeconds() };
		this.channels.set(record.id, record);
		return { id: record.id, inviteCode: record.inviteCode };
	}

	private channel(channelId: string): ChannelRecord {
		this.requireReady();
		const channel = this.channels.get(channelId);
		if (!channel) throw new WebDriverError('chat_not_found', `no channel ${channelId}`);
		return channel;
	}
}

function infoOf(channel: ChannelRecord): WebChannelInfo {
	const runs = channel.role === 'owner' || channel.role === 'admin';
	return {
		id: channel.id,
		name: channel.name,
		description: channel.description,
		role: channel.role,
		inviteLink: `https://whatsapp.com/channel/${channel.inviteCode}`,
		// WhatsApp tells the follower count to those who run the channel.
		subscribers: runs ? channel.subscribers : null,
		verified: channel.verified,
		muted: false,
		createdAt: channel.createdAt,
	};
}
