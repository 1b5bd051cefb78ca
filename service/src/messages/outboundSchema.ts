import { Type, type Static } from 'typebox';
import { OUTBOUND_TYPES } from '../channels/messages';

/**
 * The send request, checked structurally here (types, sizes, shapes). What only one channel accepts, and Meta's
 * finer rules, are checked by the channel's validate() before anything leaves.
 */

const Media = Type.Object(
	{
		id: Type.Optional(Type.String({ minLength: 1, maxLength: 256, description: 'Media id from an upload (Cloud) or the media store' })),
		link: Type.Optional(Type.String({ format: 'uri', maxLength: 2048, description: 'Public http(s) URL' })),
		base64: Type.Optional(Type.String({ minLength: 1, maxLength: 134_217_728, description: 'Inline content (Web, or uploaded first on Cloud)' })),
		mimeType: Type.Optional(Type.String({ maxLength: 255 })),
		filename: Type.Optional(Type.String({ maxLength: 255 })),
		caption: Type.Optional(Type.String({ maxLength: 1024 })),
		voice: Type.Optional(Type.Boolean({ description: 'Send audio as a voice note (Web)' })),
	},
	{ additionalProperties: false, description: 'Exactly one of id, link or base64' },
);

const Location = Type.Object(
	{
		latitude: Type.Number({ minimum: -90, maximum: 90 }),
		longitude: Type.Number({ minimum: -180, maximum: 180 }),
		name: Type.Optional(Type.String({ maxLength: 1000 })),
		address: Type.Optional(Type.String({ maxLength: 1000 })),
		url: Type.Optional(Type.String({ maxLength: 2048 })),
	},
	{ additionalProperties: false },
);

const ContactCard = Type.Object(
	{
		name: Type.Object({ formatted_name: Type.String({ minLength: 1 }) }, { additionalProperties: true }),
		phones: Type.Optional(Type.Array(Type.Object({ phone: Type.Optional(Type.String()), type: Type.Optional(Type.String()), wa_id: Type.Optional(Type.String()) }, { additionalProperties: false }))),
		emails: Type.Optional(Type.Array(Type.Object({ email: Type.Optional(Type.String()), type: Type.Optional(Type.String()) }, { additionalProperties: false }))),
		addresses: Type.Optional(Type.Array(Type.Record(Type.String(), Type.String()))),
		org: Type.Optional(Type.Object({ company: Type.Optional(Type.String()), department: Type.Optional(Type.String()), title: Type.Optional(Type.String()) }, { additionalProperties: false })),
		urls: Type.Optional(Type.Array(Type.Object({ url: Type.Optional(Type.String()), type: Type.Optional(Type.String()) }, { additionalProperties: false }))),
		birthday: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
	},
	{ additionalProperties: false, description: "Meta's contact object" },
);

export const SendMessageBody = Type.Object(
	{
		channel: Type.Optional(Type.Union([Type.Literal('cloud'), Type.Literal('web'), Type.Literal('default')], { description: "Defaults to the tenant's default mode" })),
		from: Type.Optional(Type.String({ minLength: 1, maxLength: 128, description: 'Cloud phone_number_id or Web session name; defaults to the default (or only) one' })),
		to: Type.String({ minLength: 1, maxLength: 128, description: 'Phone number in international format, a wa_id, or (Web) a chat id like 12025550108@c.us' }),
		type: Type.Union(OUTBOUND_TYPES.map((t) => Type.Literal(t))),
		replyTo: Type.Optional(Type.String({ minLength: 1, maxLength: 256, description: 'Provider id of the message to quote' })),
		mentions: Type.Optional(Type.Array(Type.String({ maxLength: 128 }), { maxItems: 256 })),
		bizOpaqueCallbackData: Type.Optional(Type.String({ maxLength: 512 })),
		text: Type.Optional(Type.Object({ body: Type.String({ minLength: 1, maxLength: 65536 }), previewUrl: Type.Optional(Type.Boolean()) }, { additionalProperties: false })),
		image: Type.Optional(Media),
		video: Type.Optional(Media),
		audio: Type.Optional(Media),
		document: Type.Optional(Media),
		sticker: Type.Optional(Media),
		location: Type.Optional(Location),
		contacts: Type.Optional(Type.Array(ContactCard, { minItems: 1, maxItems: 257 })),
		interactive: Type.Optional(Type.Object({ type: Type.String({ minLength: 1 }) }, { additionalProperties: true, description: "Meta's interactive object" })),
		template: Type.Optional(
			Type.Object(
				{
					name: Type.String({ minLength: 1, maxLength: 512 }),
					language: Type.Union([Type.String({ minLength: 2, maxLength: 16 }), Type.Object({ code: Type.String({ minLength: 2, maxLength: 16 }), policy: Type.Optional(Type.String()) }, { additionalProperties: false })]),
					components: Type.Optional(Type.Array(Type.Object({ type: Type.String() }, { additionalProperties: true }), { maxItems: 20 })),
				},
				{ additionalProperties: false, description: "Meta's template object" },
			),
		),
		reaction: Type.Optional(Type.Object({ messageId: Type.String({ minLength: 1 }), emoji: Type.String({ maxLength: 16, description: 'Empty string removes a reaction' }) }, { additionalProperties: false })),
		poll: Type.Optional(Type.Object({ name: Type.String({ minLength: 1, maxLength: 255 }), options: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { minItems: 2, maxItems: 12 }), allowMultipleAnswers: Type.Optional(Type.Boolean()) }, { additionalProperties: false })),
	},
	{ additionalProperties: false },
);

export type SendMessageRequest = Static<typeof SendMessageBody>;
