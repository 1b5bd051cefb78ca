import { Type } from 'typebox';
import { Nullable } from '../../../http/schemas';

/** Pieces of the Cloud routes' schemas; responses go through them, so nothing Graph adds leaks unannounced. */
export const PhoneNumberId = Type.String({ pattern: '^[0-9]{1,32}$', description: "Meta's phone_number_id" });
export const WabaId = Type.String({ pattern: '^[0-9]{1,32}$', description: 'WhatsApp Business Account id' });
export const MediaId = Type.String({ minLength: 1, maxLength: 256, pattern: '^[A-Za-z0-9._:-]+$', description: "Meta's media id" });

export const FromQuery = Type.Object(
	{ from: Type.Optional(PhoneNumberId) },
	{ additionalProperties: false, description: 'from: the phone_number_id that owns the media (default: the tenant’s default number)' },
);

export const MediaInfoSchema = Type.Object({
	id: Type.String(),
	mimeType: Type.String(),
	size: Type.Integer(),
	sha256: Type.String(),
	from: Type.String({ description: 'phone_number_id the media belongs to' }),
});

export const UploadedMediaSchema = Type.Object({
	id: Type.String({ description: 'Media id to send with {"image":{"id":…}}; Meta keeps it 30 days' }),
	mimeType: Type.String(),
	size: Type.Integer(),
	sha256: Type.String({ description: 'Hex SHA-256 of the bytes' }),
	filename: Nullable(Type.String()),
	from: Type.String(),
});

export const TemplateSchema = Type.Object({
	id: Type.String(),
	name: Type.String(),
	language: Type.String(),
	status: Type.String(),
	category: Type.String(),
	parameterFormat: Nullable(Type.String()),
	components: Type.Array(Type.Record(Type.String(), Type.Unknown())),
	wabaId: Type.String(),
	rejectedReason: Type.Optional(Type.String()),
});

export const PhoneNumberSchema = Type.Object({
	id: Type.String(),
	displayPhoneNumber: Nullable(Type.String()),
	verifiedName: Nullable(Type.String()),
	qualityRating: Nullable(Type.String()),
	throughputLevel: Nullable(Type.String()),
});

export const ConnectionTestSchema = Type.Object({
	ok: Type.Boolean(),
	displayPhoneNumber: Nullable(Type.String()),
	verifiedName: Nullable(Type.String()),
	qualityRating: Nullable(Type.String()),
	throughput: Nullable(Type.Object({ level: Nullable(Type.String()), perSecond: Type.Integer() })),
	error: Type.Optional(
		Type.Object({ code: Type.String(), message: Type.String(), providerCode: Type.Optional(Type.Unknown()), hint: Type.Optional(Type.String()) }, { description: 'Why the test failed' }),
	),
});
