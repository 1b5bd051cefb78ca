import { Type } from 'typebox';
import type { App } from '../../../http/app';
import { BUSINESS_VERTICALS } from '../../../shared/businessVerticals';
import { requireAuth, tenantScopeOf } from '../../../http/auth';
import { errorResponses, Nullable, SECURITY } from '../../../http/schemas';
import type { CloudServices } from '../cloudServices';
import { getBusinessProfile, updateBusinessProfile, type GraphBusinessProfile } from '../graph/businessProfileApi';
import { PhoneNumberId } from './schemas';


const Profile = Type.Object({
	about: Nullable(Type.String()),
	address: Nullable(Type.String()),
	description: Nullable(Type.String()),
	email: Nullable(Type.String()),
	websites: Type.Array(Type.String()),
	vertical: Nullable(Type.String()),
	profilePictureUrl: Nullable(Type.String()),
});

/** Meta's limits, checked here so a bad field is named before Meta is asked. */
const ProfileChanges = Type.Object(
	{
		about: Type.Optional(Type.String({ minLength: 1, maxLength: 139, description: 'The About text' })),
		address: Type.Optional(Type.String({ maxLength: 256 })),
		description: Type.Optional(Type.String({ maxLength: 256 })),
		email: Type.Optional(Type.String({ maxLength: 128, pattern: '^$|^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$', description: 'Contact email ("" clears it)' })),
		websites: Type.Optional(Type.Array(Type.String({ maxLength: 256, pattern: '^https?://\\S+$' }), { maxItems: 2 })),
		vertical: Type.Optional(Type.Union(BUSINESS_VERTICALS.map((vertical) => Type.Literal(vertical)))),
		profilePictureHandle: Type.Optional(Type.String({ minLength: 1, maxLength: 1024, description: "A handle from Meta's Resumable Upload API" })),
	},
	{ additionalProperties: false, minProperties: 1 },
);

function profileView(profile: GraphBusinessProfile) {
	return {
		about: profile.about ?? null,
		address: profile.address ?? null,
		description: profile.description ?? null,
		email: profile.email ?? null,
		websites: profile.websites ?? [],
		vertical: profile.vertical ?? null,
		profilePictureUrl: profile.profile_picture_url ?? null,
	};
}

/** Meta's field name for each of ours, so Meta's errors name the caller's field. */
const FIELD_NAMES: Record<string, string> = { profile_picture_handle: 'profilePictureHandle' };

/** A registered number's WhatsApp Business profile (About, address, description, email, websites, vertical, picture). */
export function cloudProfileRoutes(services: CloudServices) {
	return async (app: App): Promise<void> => {
		const { ctx, accounts, graph, retry } = services;
		const base = { tags: ['cloud-config'], security: SECURITY };
		const params = Type.Object({ phoneNumberId: PhoneNumberId });

		app.get(
			'/v1/cloud/numbers/:phoneNumberId/profile',
			{ preHandler: requireAuth(ctx.authenticator, { scope: 'read' }), schema: { ...base, summary: "The number's WhatsApp Business profile, as Meta has it", params, response: { 200: Profile, ...errorResponses(400, 401, 404, 429, 502, 503, 504) } } },
			async (request) => {
				const sender = await accounts.sender(tenantScopeOf(request), request.params.phoneNumberId);
				return profileView(await retry.run(() => getBusinessProfile(graph, sender.target, sender.phoneNumberId)));
			},
		);

		app.patch(
			'/v1/cloud/numbers/:phoneNumberId/profile',
			{ preHandler: requireAuth(ctx.authenticator, { scope: 'admin' }), schema: { ...base, summary: 'Change fields of the WhatsApp Business profile; answers the profile as it is now', params, body: ProfileChanges, response: { 200: Profile, ...errorResponses(400, 401, 403, 404, 429, 502, 503, 504) } } },
			async (request) => {
				const sender = await accounts.sender(tenantScopeOf(request), request.params.phoneNumberId);
				const { profilePictureHandle, ...fields } = request.body;
				const changes = { ...fields, ...(profilePictureHandle !== undefined ? { profile_picture_handle: profilePictureHandle } : {}) };
				const fieldPath = (field: string) => `body.${FIELD_NAMES[field] ?? field}`;
				await retry.run(() => updateBusinessProfile(graph, sender.target, sender.phoneNumberId, changes), { fieldPath });
				return profileView(await retry.run(() => getBusinessProfile(graph, sender.target, sender.phoneNumberId)));
			},
		);
	};
}
