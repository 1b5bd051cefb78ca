import { Type } from 'typebox';
import { Nullable } from '../../../http/schemas';
import { invalidField } from '../../../shared/errors';
import type { WebChannelInfo } from '../driver/webChannels';
import { toUserId } from '../normalize/chatIds';
import { SessionName } from './schemas';

/** Request and response shapes shared by the channel routes. */

export const ChannelId = Type.String({ pattern: '^[0-9]{5,40}@newsletter$', description: 'A channel id, <digits>@newsletter' });
export const ChannelParams = Type.Object({ name: SessionName, channelId: ChannelId });

export const ChannelSchema = Type.Object({
	id: Type.String(),
	name: Type.String(),
	description: Type.String(),
	role: Type.Union([Type.Literal('owner'), Type.Literal('admin'), Type.Literal('subscriber'), Type.Literal('guest')], { description: 'owner and admin post; subscriber follows; guest neither' }),
	inviteLink: Nullable(Type.String()),
	subscribers: Nullable(Type.Integer({ description: 'Followers, when WhatsApp tells (to those who run the channel)' })),
	verified: Type.Boolean(),
	muted: Type.Boolean(),
	createdAt: Nullable(Type.String({ format: 'date-time' })),
});

/** A person as the caller may name them; parsed by userIdOf, which names the field when it is neither. */
export const Person = Type.String({ minLength: 1, maxLength: 64, description: 'Phone number with country code, or a user id (…@c.us, …@lid)' });

export function channelView(channel: WebChannelInfo) {
	return { ...channel, createdAt: channel.createdAt > 0 ? new Date(channel.createdAt * 1000).toISOString() : null };
}

/** A phone number or user id to the user id; anything else is 400 naming `field`. */
export function userIdOf(value: string, field: string): string {
	const userId = toUserId(value);
	if (!userId) throw invalidField(field, 'is neither a phone number with country code nor a user id (…@c.us, …@lid)');
	return userId;
}
