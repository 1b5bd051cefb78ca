import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Simulator } from '../simulator';
import type { MediaRecord } from '../state/mediaStore';
import { isObject } from '../validation/fields';
import { validateTemplateDefinition } from '../validation/templateDefinition';
import { requestToken } from './context';
import { graphErrors } from './errors';
import { projectFields, requestedFields } from './fields';
import type { GraphDeps, GraphRouteConfig } from './graphPlugin';
import { mediaNode } from './mediaRoutes';
import { PHONE_NUMBER_DEFAULT_FIELDS, phoneNumberNode, TEMPLATE_DEFAULT_FIELDS, templateNode, WABA_DEFAULT_FIELDS, wabaNode } from './nodes';

/**
 * `/:version/:id` for any node: media (GET, DELETE), templates (GET, POST to edit), phone numbers and WABAs
 * (GET). Graph ids are global, so the id alone decides which kind of node is meant.
 */
type IdRequest = FastifyRequest<{ Params: { version: string; id: string }; Querystring: Record<string, unknown> }>;

export function registerObjectRoutes(fastify: FastifyInstance, deps: GraphDeps): void {
	const { sim } = deps;

	fastify.get<{ Params: { version: string; id: string }; Querystring: Record<string, unknown> }>('/:version/:id', async (request) => {
		const { id } = request.params;
		const fields = requestedFields(request.query);
		const media = accessibleMedia(sim, request);
		if (media) return mediaNode(sim, deps.urls, request, media);
		const template = sim.templates.get(id);
		if (template && sim.registry.canUseWaba(requestToken(request), template.wabaId)) {
			return projectFields(templateNode(template), fields, TEMPLATE_DEFAULT_FIELDS, 'WhatsAppBusinessHSM');
		}
		const number = sim.registry.phoneNumbers.get(id);
		if (number && sim.registry.canUsePhoneNumber(requestToken(request), number)) {
			return projectFields(phoneNumberNode(sim, number), fields, PHONE_NUMBER_DEFAULT_FIELDS, 'WhatsAppBusinessPhoneNumber');
		}
		const waba = sim.registry.wabas.get(id);
		if (waba && sim.registry.canUseWaba(requestToken(request), id)) return projectFields(wabaNode(waba), fields, WABA_DEFAULT_FIELDS, 'WhatsAppBusinessAccount');
		throw graphErrors.unsupportedRequest('get', id);
	});

	const mediaConfig: GraphRouteConfig = { faultScope: 'media' };
	fastify.delete<{ Params: { version: string; id: string }; Querystring: Record<string, unknown> }, GraphRouteConfig>('/:version/:id', { config: mediaConfig }, async (request) => {
		const media = accessibleMedia(sim, request);
		if (!media) throw graphErrors.unsupportedRequest('delete', request.params.id);
		sim.media.delete(media.id);
		return { success: true };
	});

	const templateConfig: GraphRouteConfig = { faultScope: 'templates' };
	fastify.post<{ Params: { version: string; id: string } }, GraphRouteConfig>('/:version/:id', { config: templateConfig }, async (request) => {
		const template = sim.templates.get(request.params.id);
		if (!template || !sim.registry.canUseWaba(requestToken(request), template.wabaId)) throw graphErrors.unsupportedRequest('post', request.params.id);
		const body = isObject(request.body) ? request.body : {};
		if (body.components === undefined && body.category === undefined) throw graphErrors.invalidParameter('The parameter components or category is required.');
		const definition = validateTemplateDefinition({
			name: template.name,
			language: template.language,
			category: body.category ?? template.category,
			parameter_format: body.parameter_format ?? template.parameterFormat,
			components: body.components ?? template.components,
		});
		sim.editTemplate(template.id, definition);
		return { success: true };
	});
}

/** The media named by the path, if it exists, the token may see it and `phone_number_id` (when given) owns it. */
function accessibleMedia(sim: Simulator, request: IdRequest): MediaRecord | undefined {
	const media = sim.media.get(request.params.id);
	if (!media) return undefined;
	const owner = sim.registry.phoneNumbers.get(media.phoneNumberId);
	if (!owner || !sim.registry.canUsePhoneNumber(requestToken(request), owner)) return undefined;
	const expectedOwner = request.query.phone_number_id;
	if (typeof expectedOwner === 'string' && expectedOwner !== '' && expectedOwner !== media.phoneNumberId) return undefined;
	return media;
}
