import type { Channel, Client as LibraryClient } from 'whatsapp-web.js';
import { WebDriverError } from '../webDriverError';
import type { ChannelRole, WebChannelInfo, WebChannels } from '../webChannels';
import { libraryCall } from './libraryCall';
import { idString } from './toSnapshot';

/** What WhatsApp Web keeps on a channel beyond the typings (its newsletter metadata, serialized by the library). */
type ChannelMetadata = {
	membershipType?: string;
	inviteCode?: string;
	inviteLink?: string;
	subscribersCount?: number;
	size?: number;
	verification?: string;
	isVerified?: boolean;
	createdAtTs?: number;
	creationTime?: number;
};
type ChannelWithMetadata = Channel & { channelMetadata?: ChannelMetadata };

const ROLES = new Set<ChannelRole>(['owner', 'admin', 'subscriber', 'guest']);

/**
 * Channels through whatsapp-web.js (Client.getChannels, getChannelByInviteCode, createChannel, subscribeToChannel,
 * unsubscribeFromChannel, deleteChannel). The library answers refusals with `false` or a sentence; they become
 * not_allowed here.
 */
export class RealChannels implements WebChannels {
	constructor(private readonly library: () => LibraryClient) {}

	async list(): Promise<WebChannelInfo[]> {
		const channels = await libraryCall('listing channels', () => this.library().getChannels());
		return (channels as ChannelWithMetadata[]).map(infoOf);
	}

	async get(channelId: string): Promise<WebChannelInfo> {
		return infoOf(await this.channel(channelId));
	}

	async byInviteCode(inviteCode: string): Promise<WebChannelInfo> {
		const channel = await libraryCall('looking up a channel by invite', () => this.library().getChannelByInviteCode(inviteCode));
		if (!channel) throw new WebDriverError('invalid_argument', 'is not the invite code of a channel');
		return infoOf(channel as ChannelWithMetadata);
	}

	async create(name: string, options: { description?: string } = {}): Promise<WebChannelInfo> {
		const answer = await libraryCall('creating a channel', () => this.library().createChannel(name, options.description ? { description: options.description } : {}));
		// A sentence instead of the result: WhatsApp does not let this account create channels (or failed to).
		if (typeof answer === 'string') throw new WebDriverError('not_allowed', `WhatsApp did not create the channel: ${answer}`);
		return this.get(answer.nid._serialized);
	}

	async setFollowing(channelId: string, following: boolean): Promise<void> {
		const channel = await this.channel(channelId);
		if (channel.channelMetadata?.membershipType === 'owner') throw new WebDriverError('not_allowed', 'the owner of a channel cannot follow or unfollow it');
		const library = this.library();
		const done = await libraryCall(`${following ? 'following' : 'unfollowing'} ${channelId}`, () => (following ? library.subscribeToChannel(channelId) : library.unsubscribeFromChannel(channelId)));
		if (!done) throw new WebDriverError('not_allowed', `WhatsApp refused to ${following ? 'follow' : 'unfollow'} ${channelId}`);
	}

	async remove(channelId: string): Promise<void> {
		await this.channel(channelId);
		if (!(await libraryCall(`deleting ${channelId}`, () => this.library().deleteChannel(channelId)))) throw new WebDriverError('not_allowed', 'only the owner of a channel can delete it');
	}

	private async channel(channelId: string): Promise<ChannelWithMetadata> {
		const chat = (await this.library()
			.getChatById(channelId)
			.catch(() => undefined)) as unknown as ChannelWithMetadata | undefined;
		if (!chat?.isChannel) throw new WebDriverError('chat_not_found', `no channel ${channelId}`);
		return chat;
	}
}

function infoOf(channel: ChannelWithMetadata): WebChannelInfo {
	const metadata = channel.channelMetadata ?? {};
	const role = ROLES.has(metadata.membershipType as ChannelRole) ? (metadata.membershipType as ChannelRole) : channel.isReadOnly ? 'subscriber' : 'owner';
	const inviteLink = metadata.inviteLink ?? (metadata.inviteCode ? `https://whatsapp.com/channel/${metadata.inviteCode}` : null);
	const subscribers = metadata.subscribersCount ?? metadata.size;
	return {
		id: idString(channel.id) ?? '',
		name: channel.name ?? '',
		description: channel.description ?? '',
		role,
		inviteLink,
		subscribers: typeof subscribers === 'number' ? subscribers : null,
		verified: metadata.isVerified === true || metadata.verification === 'verified',
		muted: channel.isMuted === true,
		createdAt: metadata.createdAtTs ?? metadata.creationTime ?? 0,
	};
}
