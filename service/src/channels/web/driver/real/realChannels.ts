import type { Channel, Client as LibraryClient, SearchChannelsOptions } from 'whatsapp-web.js';
import { WebDriverError } from '../webDriverError';
import { CHANNEL_SEARCH_LIMITS, type ChannelRole, type ChannelSearch, type ChannelSearchView, type WebChannelInfo, type WebChannels } from '../webChannels';
import { libraryCall } from './libraryCall';
import { idString } from './toSnapshot';

/** What WhatsApp Web keeps on a channel beyond the typings (its newsletter metadata, serialized by the library). */
type ChannelMetadata = {
	membershipType?: string;
	description?: string;
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
/** The library numbers the directory's views. */
const VIEW_NUMBERS: Record<ChannelSearchView, number> = { recommended: 0, trending: 1, popular: 2, new: 3 };

/**
 * Channels through whatsapp-web.js (Client.getChannels, getChannelByInviteCode, createChannel, subscribeToChannel,
 * unsubscribeFromChannel, deleteChannel, searchChannels, and the admin calls sendChannelAdminInvite,
 * revokeChannelAdminInvite, acceptChannelAdminInvite, demoteChannelAdmin, transferChannelOwnership). The library
 * answers refusals with `false` or a sentence; they become not_allowed here.
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

	async search(query: ChannelSearch): Promise<WebChannelInfo[]> {
		const options: SearchChannelsOptions = {
			searchText: query.text ?? '',
			view: VIEW_NUMBERS[query.view ?? 'recommended'],
			limit: query.limit ?? CHANNEL_SEARCH_LIMITS.defaultLimit,
			skipSubscribedNewsletters: query.skipFollowed === true,
			// Without codes the library searches the account's own region.
			...(query.countryCodes?.length ? { countryCodes: [...query.countryCodes] } : {}),
		};
		const found = await libraryCall('searching channels', () => this.library().searchChannels(options));
		// WhatsApp Web's serialized models, not Channel objects (despite the typings): the description is in the metadata.
		return (found as unknown as Array<ChannelWithMetadata | null>).filter((channel): channel is ChannelWithMetadata => channel !== null).map(infoOf);
	}

	async inviteAdmin(channelId: string, userId: string, options: { comment?: string } = {}): Promise<void> {
		await this.ownedChannel(channelId, 'invite admins');
		const sent = await libraryCall(`inviting ${userId} to run ${channelId}`, () => this.library().sendChannelAdminInvite(userId, channelId, options.comment ? { comment: options.comment } : {}));
		if (!sent) throw new WebDriverError('not_allowed', `WhatsApp did not send ${userId} an admin invite for ${channelId}`);
	}

	async revokeAdminInvite(channelId: string, userId: string): Promise<void> {
		await this.ownedChannel(channelId, 'revoke admin invites');
		const done = await libraryCall(`revoking the admin invite of ${userId} to ${channelId}`, () => this.library().revokeChannelAdminInvite(channelId, userId));
		if (!done) throw new WebDriverError('not_allowed', `WhatsApp refused to revoke an admin invite of ${userId} for ${channelId} (is one pending?)`);
	}

	/** No lookup first: an invited account may not hold the channel in WhatsApp Web until it accepts. */
	async acceptAdminInvite(channelId: string): Promise<void> {
		const done = await libraryCall(`accepting the admin invite to ${channelId}`, () => this.library().acceptChannelAdminInvite(channelId));
		if (!done) throw new WebDriverError('not_allowed', `WhatsApp refused to make this account an admin of ${channelId} (is an invite pending?)`);
	}

	async demoteAdmin(channelId: string, userId: string): Promise<void> {
		await this.channel(channelId);
		const done = await libraryCall(`demoting ${userId} in ${channelId}`, () => this.library().demoteChannelAdmin(channelId, userId));
		if (!done) throw new WebDriverError('not_allowed', `WhatsApp refused to demote ${userId} in ${channelId} (only its owner demotes others, and only admins)`);
	}

	async transferOwnership(channelId: string, newOwnerId: string, options: { dismissSelfAsAdmin?: boolean } = {}): Promise<void> {
		await this.ownedChannel(channelId, 'transfer it');
		const done = await libraryCall(`transferring ${channelId} to ${newOwnerId}`, () => this.library().transferChannelOwnership(channelId, newOwnerId, { shouldDismissSelfAsAdmin: options.dismissSelfAsAdmin === true }));
		// The library answers every failure with false; the usual one is a new owner who is not an admin yet.
		if (!done) throw new WebDriverError('not_allowed', `WhatsApp refused to hand ${channelId} to ${newOwnerId} (the new owner must be one of its admins)`);
	}

	/** A channel this account owns, when WhatsApp Web says who it is here (it is asked anyway when it does not). */
	private async ownedChannel(channelId: string, doing: string): Promise<ChannelWithMetadata> {
		const channel = await this.channel(channelId);
		const role = channel.channelMetadata?.membershipType;
		if (role !== undefined && role !== 'owner') throw new WebDriverError('not_allowed', `only the owner of a channel can ${doing}`);
		return channel;
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
		description: channel.description || metadata.description || '',
		role,
		inviteLink,
		subscribers: typeof subscribers === 'number' ? subscribers : null,
		verified: metadata.isVerified === true || metadata.verification === 'verified',
		muted: channel.isMuted === true,
		createdAt: metadata.createdAtTs ?? metadata.creationTime ?? 0,
	};
}
