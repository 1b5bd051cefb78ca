import { Type } from 'typebox';
import { Nullable } from '../../../http/schemas';
import { invalidField } from '../../../shared/errors';

/** Request and response shapes of the Web channel's routes (they validate requests and become the OpenAPI document). */

export const SessionName = Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$', description: 'Session name: letters, digits, _ and -, up to 64' });
export const SessionParams = Type.Object({ name: SessionName });

export const ChatId = Type.String({
	pattern: '^([0-9]{5,20}@(c\\.us|lid)|[0-9]{5,40}(-[0-9]{5,20})?@g\\.us|[0-9]{5,40}@(broadcast|newsletter))$',
	description: 'WhatsApp chat id: <digits>@c.us (person), <id>@g.us (group), <digits>@lid',
});
export const ChatParams = Type.Object({ name: SessionName, chatId: ChatId });

export const PhoneNumber = Type.String({ pattern: '^\\+?[0-9][0-9 ()-]{5,24}$', description: 'Phone number in international format, e.g. +1 202 555 0108' });

export const MessageIdParam = Type.String({ pattern: '^(true|false)_[^_\\s]+@[a-z.]+_[0-9A-Za-z]+(_[^_\\s]+@[a-z.]+)?$', description: 'WhatsApp Web message id (true|false_<chat>_<id>[_<participant>])' });

export const SessionSettings = Type.Object(
	{
		deviceName: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Linked-device name shown on the phone' })),
		browserName: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
		takeoverOnConflict: Type.Optional(Type.Boolean({ description: 'Take the session back when another WhatsApp Web opens it, instead of failing with CONFLICT' })),
		proxyServer: Type.Optional(Type.String({ pattern: '^(https?|socks[45]?)://[^\\s/@]+(:[0-9]{1,5})?/?$', maxLength: 255, description: 'Egress proxy without credentials, e.g. http://proxy:3128' })),
		ignoreGroups: Type.Optional(Type.Boolean({ description: 'Neither record nor emit group messages' })),
		rejectCalls: Type.Optional(Type.Boolean({ description: 'Decline every incoming call at once (WhatsApp Web cannot take calls); call.received still says who called' })),
		rejectCallMessage: Type.Optional(Type.String({ minLength: 1, maxLength: 1000, description: 'Sent to a declined caller in their chat (not for group calls)' })),
	},
	{ additionalProperties: false, description: 'Applied at the next start (restart a running session to apply them)' },
);

const Status = Type.Union([Type.Literal('STOPPED'), Type.Literal('STARTING'), Type.Literal('SCAN_QR'), Type.Literal('WORKING'), Type.Literal('FAILED')], { description: 'STOPPED → STARTING → SCAN_QR (login) → WORKING; FAILED carries the reason' });

export const WebSessionSchema = Type.Object({
	name: Type.String(),
	status: Status,
	reason: Nullable(Type.String({ description: 'Why the session is in this status (always set for FAILED)' })),
	statusChangedAt: Type.String(),
	isDefault: Type.Boolean(),
	desiredState: Type.Union([Type.Literal('running'), Type.Literal('stopped')], { description: 'running: resumed after restarts and taken over by another replica if this one dies' }),
	loginMethod: Type.Union([Type.Literal('qr'), Type.Literal('pairing')]),
	pairingPhoneNumber: Nullable(Type.String()),
	me: Nullable(Type.Object({ id: Type.String({ description: 'Own WhatsApp id, e.g. 15550001111@c.us' }), pushName: Nullable(Type.String()) })),
	qr: Nullable(Type.Object({ rotation: Type.Integer({ description: 'Which QR code of this login attempt is on offer (1-based)' }), maxRotations: Type.Integer() }, { description: 'Set while SCAN_QR with a QR code; fetch it from /qr' })),
	settings: SessionSettings,
	worker: Nullable(Type.Object({ id: Type.String(), leaseExpiresAt: Type.String() }, { description: 'The service process running the session' })),
	browser: Nullable(
		Type.Object(
			{
				processes: Type.Integer({ description: 'Chromium processes of the session (browser, renderers, helpers)' }),
				memoryBytes: Type.Integer({ description: 'Their memory (proportional set size: shared pages split between the processes sharing them)' }),
			},
			{ description: 'What the session’s browser costs, while one runs; null when none runs or another replica runs it' },
		),
	),
	createdAt: Type.String(),
	updatedAt: Type.String(),
});

export const CreateSessionBody = Type.Object(
	{
		name: SessionName,
		start: Type.Optional(Type.Boolean({ default: true, description: 'Start at once (default); false leaves it STOPPED' })),
		pairingPhoneNumber: Type.Optional(PhoneNumber),
		isDefault: Type.Optional(Type.Boolean({ description: "The session sends use when they name none (only one per tenant)" })),
		settings: Type.Optional(SessionSettings),
	},
	{ additionalProperties: false },
);

export const PatchSessionBody = Type.Object(
	{
		isDefault: Type.Optional(Type.Boolean()),
		pairingPhoneNumber: Type.Optional(Nullable(PhoneNumber)),
		settings: Type.Optional(SessionSettings),
	},
	{ additionalProperties: false, minProperties: 1 },
);

export const QrQuery = Type.Object(
	{ format: Type.Optional(Type.Union([Type.Literal('png'), Type.Literal('dataurl'), Type.Literal('raw')], { default: 'png', description: 'png: the image; dataurl and raw: JSON' })) },
	{ additionalProperties: false },
);

export const QrJson = Type.Object({
	format: Type.Union([Type.Literal('dataurl'), Type.Literal('raw')]),
	value: Type.String({ description: 'data:image/png;base64,… or the raw QR text to render yourself' }),
	rotation: Type.Integer(),
	maxRotations: Type.Integer(),
});

export const PairingCodeBody = Type.Object({ phoneNumber: PhoneNumber }, { additionalProperties: false });
export const PairingCodeResponse = Type.Object({ code: Type.String({ description: '8 characters to enter on the phone: Linked devices > Link with phone number' }), phoneNumber: Type.String() });

export const LimitQuery = (fallback: number, max: number) => Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: max, default: fallback })) }, { additionalProperties: false });

/** A normalized message (the same shape as message.received events); fields depend on its type. */
export const MessageSchema = Type.Object(
	{
		id: Type.String(),
		channel: Type.String({ description: 'web' }),
		direction: Type.Union([Type.Literal('inbound'), Type.Literal('outbound')]),
		account: Type.Object({ channel: Type.String(), id: Type.String(), address: Type.Optional(Type.String()) }),
		chatId: Type.String(),
		from: Type.String(),
		to: Type.String(),
		timestamp: Type.String(),
		type: Type.String(),
	},
	{ additionalProperties: true },
);

export const ChatSchema = Type.Object({
	id: Type.String(),
	name: Type.String(),
	isGroup: Type.Boolean(),
	isReadOnly: Type.Boolean(),
	unreadCount: Type.Integer(),
	lastMessageAt: Nullable(Type.String()),
	archived: Type.Boolean(),
	pinned: Type.Boolean(),
	isMuted: Type.Boolean(),
	mutedUntil: Nullable(Type.String({ description: 'While muted until a time; null when not muted or muted for ever' })),
	lastMessage: Nullable(MessageSchema),
});

export const ChatChangesBody = Type.Object(
	{
		archived: Type.Optional(Type.Boolean()),
		pinned: Type.Optional(Type.Boolean({ description: 'WhatsApp pins at most 3 chats (409 beyond)' })),
		muted: Type.Optional(Type.Boolean()),
		muteUntil: Type.Optional(Type.String({ format: 'date-time', description: 'With muted: true, until when; for ever when absent' })),
		unread: Type.Optional(Type.Literal(true, { description: 'Show the chat as unread again' })),
	},
	{ additionalProperties: false, minProperties: 1 },
);

export const MeSchema = Type.Object({ id: Type.String(), pushName: Nullable(Type.String()), platform: Nullable(Type.String()) });

export const TypingBody = Type.Object({ state: Type.Union([Type.Literal('typing'), Type.Literal('recording'), Type.Literal('paused')], { description: 'typing/recording show for about 25 s unless repeated; paused clears it' }) }, { additionalProperties: false });

export const CheckParams = Type.Object({ name: SessionName, number: Type.String({ pattern: '^\\+?[0-9]{6,20}$', description: 'Digits with country code' }) });
export const CheckResponse = Type.Object({ number: Type.String(), exists: Type.Boolean(), chatId: Nullable(Type.String()) });

export const Success = Type.Object({ success: Type.Literal(true) });

export const MessageParams = Type.Object({ name: SessionName, messageId: MessageIdParam });
export const EditBody = Type.Object({ text: Type.String({ minLength: 1, maxLength: 4096, description: 'The new text (or caption); the message shows "Edited" in the chat' }) }, { additionalProperties: false });
export const DeleteQuery = Type.Object({ forEveryone: Type.Optional(Type.Boolean({ default: true, description: 'true: removed for everyone in the chat (your own messages only); false: only from this device' })) });
export const ForwardBody = Type.Object({ to: Type.String({ minLength: 1, maxLength: 128, description: 'Phone number with country code, or a chat id (…@c.us, …@g.us)' }) }, { additionalProperties: false });
export const Forwarded = Type.Object({ success: Type.Literal(true), messageId: Type.String(), to: Type.String({ description: 'The chat it was forwarded to' }) });
export const Deleted = Type.Object({ success: Type.Literal(true), messageId: Type.String(), forEveryone: Type.Boolean() });

export const ContactParams = Type.Object({ name: SessionName, contactId: Type.String({ minLength: 1, maxLength: 64, description: 'Phone number with country code, or a user id (…@c.us, …@lid)' }) });
export const ContactInfoSchema = Type.Object({
	id: Type.String(),
	number: Nullable(Type.String()),
	name: Nullable(Type.String({ description: "As saved in the session phone's address book" })),
	pushName: Nullable(Type.String({ description: 'The name they chose' })),
	isBusiness: Type.Boolean(),
	isMyContact: Type.Boolean(),
	isBlocked: Type.Boolean(),
	about: Nullable(Type.String({ description: 'Null when their privacy settings hide it' })),
	profilePictureUrl: Nullable(Type.String({ description: 'Short-lived; null when none or hidden' })),
});

export const PresenceBody = Type.Object({ state: Type.Union([Type.Literal('available'), Type.Literal('unavailable')], { description: 'available: online; unavailable: offline' }) }, { additionalProperties: false });

export const StarBody = Type.Object({ starred: Type.Boolean({ description: 'true stars it, false unstars it' }) }, { additionalProperties: false });

/** A JPEG or PNG as base64 (profile and group pictures). */
export const PictureSchema = Type.Object({ base64: Type.String({ minLength: 4, maxLength: 900_000 }), mimeType: Type.Union([Type.Literal('image/jpeg'), Type.Literal('image/png')]) }, { additionalProperties: false, description: 'A JPEG or PNG' });

export const OwnProfileBody = Type.Object(
	{
		displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 25, description: 'The name others see (WhatsApp allows 25 characters)' })),
		about: Type.Optional(Type.String({ maxLength: 139, description: 'The About text' })),
		picture: Type.Optional(Nullable(PictureSchema)),
	},
	{ additionalProperties: false, minProperties: 1 },
);

/** Base64 as WhatsApp takes it: no `data:` prefix. */
export function checkPlainBase64(field: string, value: string): void {
	if (!/^[A-Za-z0-9+/\s]+={0,2}\s*$/.test(value)) throw invalidField(field, 'must be plain base64 (no data: prefix)');
}
