import type { FastifyInstance } from 'fastify';
import { BUSINESS_VERTICALS } from '../../shared/businessVerticals';
import type { BusinessProfile } from '../state/businessProfiles';
import { phoneNumberFor } from './access';
import { graphErrors } from './errors';
import type { GraphDeps } from './graphPlugin';

const FIELDS = ['messaging_product', 'about', 'address', 'description', 'email', 'profile_picture_url', 'websites', 'vertical'] as const;


const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * `GET|POST /:version/:phone-number-id/whatsapp_business_profile`, as the spec has them: GET answers
 * `{data: [{business_profile: {...}}]}` (the fields asked for, by default all), POST checks each field's limits and
 * answers `{success: true}`. A profile picture handle (from the Resumable Upload API, which the simulator does not
 * run) is accepted as it is and shows as a picture URL.
 */
export function registerBusinessProfileRoutes(fastify: FastifyInstance, deps: GraphDeps): void {
	const { sim } = deps;
	fastify.get<{ Params: { version: string; id: string }; Querystring: Record<string, unknown> }>('/:version/:id/whatsapp_business_profile', async (request) => {
		const number = phoneNumberFor(sim, request, request.params.id);
		const asked = typeof request.query.fields === 'string' && request.query.fields.trim() ? request.query.fields.split(',').map((field) => field.trim()).filter(Boolean) : [...FIELDS];
		const profile: Record<string, unknown> = { messaging_product: 'whatsapp', ...sim.profiles.get(number.phoneNumberId) };
		const shown: Record<string, unknown> = {};
		for (const field of asked) {
			if (!(FIELDS as readonly string[]).includes(field)) throw graphErrors.nonexistingField(field, 'WhatsAppBusinessProfile');
			if (profile[field] !== undefined) shown[field] = profile[field];
		}
		return { data: [{ business_profile: shown }] };
	});

	fastify.post<{ Params: { version: string; id: string }; Body: unknown }>('/:version/:id/whatsapp_business_profile', async (request) => {
		const number = phoneNumberFor(sim, request, request.params.id);
		sim.profiles.update(number.phoneNumberId, profileChanges(request.body));
		return { success: true };
	});
}

function profileChanges(body: unknown): BusinessProfile {
	const input = (body ?? {}) as Record<string, unknown>;
	if (input.messaging_product !== 'whatsapp') throw graphErrors.invalidParameter('Param messaging_product must be "whatsapp"', { field: 'messaging_product' });
	const changes: BusinessProfile = {};
	const text = (field: 'about' | 'address' | 'description' | 'email', min: number, max: number) => {
		const value = input[field];
		if (value === undefined) return;
		if (typeof value !== 'string' || value.length < min || value.length > max) throw graphErrors.invalidParameter(`Param ${field} must be a string of ${min} to ${max} characters`, { field });
		changes[field] = value;
	};
	text('about', 1, 139);
	text('address', 0, 256);
	text('description', 0, 256);
	text('email', 0, 128);
	if (changes.email && !EMAIL.test(changes.email)) throw graphErrors.invalidParameter('Param email must be a valid email address', { field: 'email' });
	if (input.websites !== undefined) {
		const websites = input.websites;
		if (!Array.isArray(websites) || websites.length > 2) throw graphErrors.invalidParameter('Param websites must be an array of at most 2 URLs', { field: 'websites' });
		websites.forEach((site, index) => {
			if (typeof site !== 'string' || site.length > 256 || !/^https?:\/\/[^\s]+$/.test(site)) throw graphErrors.invalidParameter(`Param websites[${index}] must be an http(s) URL of at most 256 characters`, { field: `websites[${index}]` });
		});
		changes.websites = websites as string[];
	}
	if (input.vertical !== undefined) {
		if (!(BUSINESS_VERTICALS as readonly unknown[]).includes(input.vertical)) throw graphErrors.invalidParameter(`Param vertical must be one of ${BUSINESS_VERTICALS.join(', ')}`, { field: 'vertical' });
		changes.vertical = input.vertical as string;
	}
	if (input.profile_picture_handle !== undefined) {
		if (typeof input.profile_picture_handle !== 'string' || input.profile_picture_handle.length === 0) throw graphErrors.invalidParameter('Param profile_picture_handle must be a handle from the Resumable Upload API', { field: 'profile_picture_handle' });
		changes.profile_picture_url = `https://pps.whatsapp.net/v/sandbox/${encodeURIComponent(input.profile_picture_handle.slice(0, 32))}`;
	}
	return changes;
}
