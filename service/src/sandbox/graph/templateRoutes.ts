import type { FastifyInstance } from 'fastify';
import { TEMPLATE_STATUSES } from '../state/templateStore';
import { validateTemplateDefinition } from '../validation/templateDefinition';
import { wabaFor } from './access';
import { graphErrors } from './errors';
import { projectFields, requestedFields } from './fields';
import type { GraphDeps, GraphRouteConfig } from './graphPlugin';
import { TEMPLATE_DEFAULT_FIELDS, templateNode } from './nodes';
import { pageLinks, paginate, readPageRequest } from './paging';

/** `/:version/:waba-id/message_templates`: list with filters and cursor paging, create, delete (contract A.4). */
export function registerTemplateRoutes(fastify: FastifyInstance, deps: GraphDeps): void {
	const { sim } = deps;
	const config: GraphRouteConfig = { faultScope: 'templates' };
	type Route = { Params: { version: string; id: string }; Querystring: Record<string, unknown> };

	fastify.get<Route, GraphRouteConfig>('/:version/:id/message_templates', { config }, async (request) => {
		const waba = wabaFor(sim, request, request.params.id);
		const query = request.query;
		const statuses = listFilter(query.status, 'status', TEMPLATE_STATUSES);
		const categories = listFilter(query.category, 'category');
		const languages = listFilter(query.language, 'language');
		const name = typeof query.name === 'string' && query.name !== '' ? query.name : undefined;
		const fields = requestedFields(query);

		const matching = sim.templates
			.listByWaba(waba.wabaId)
			.filter(
				(template) =>
					(!statuses || statuses.includes(template.status)) &&
					(!categories || categories.includes(template.category)) &&
					(!languages || languages.includes(template.language.toUpperCase())) &&
					(name === undefined || template.name === name),
			);
		const link = pageLinks(`${deps.urls.base(request)}/graph/${request.params.version}/${waba.wabaId}/message_templates`, query);
		const page = paginate(matching, (template) => template.id, readPageRequest(query), link);
		return { ...page, data: page.data.map((template) => projectFields(templateNode(template), fields, TEMPLATE_DEFAULT_FIELDS, 'WhatsAppBusinessHSM')) };
	});

	fastify.post<Route, GraphRouteConfig>('/:version/:id/message_templates', { config }, async (request) => {
		const waba = wabaFor(sim, request, request.params.id);
		const template = sim.createTemplate(waba.wabaId, validateTemplateDefinition(request.body));
		return { id: template.id, status: template.status, category: template.category };
	});

	fastify.delete<Route, GraphRouteConfig>('/:version/:id/message_templates', { config }, async (request) => {
		const waba = wabaFor(sim, request, request.params.id);
		const { name, hsm_id: hsmId } = request.query;
		if (typeof name !== 'string' || name === '') throw graphErrors.invalidParameter('The parameter name is required.');
		const deleted = sim.deleteTemplates(waba.wabaId, name, typeof hsmId === 'string' && hsmId !== '' ? hsmId : undefined);
		if (deleted.length === 0) {
			throw graphErrors.templateCreation(undefined, 'Message template not found', `No template named ${name}${typeof hsmId === 'string' ? ` with id ${hsmId}` : ''} exists.`);
		}
		return { success: true };
	});
}

/** A comma-separated, case-insensitive filter such as `status=approved,rejected`. */
function listFilter(raw: unknown, name: string, allowed?: readonly string[]): string[] | undefined {
	if (typeof raw !== 'string' || raw.trim() === '') return undefined;
	const values = raw.split(',').map((value) => value.trim().toUpperCase()).filter(Boolean);
	const unknown = allowed && values.find((value) => !allowed.includes(value));
	if (unknown) throw graphErrors.invalidParameter(`Param ${name} must be one of {${allowed.join(', ')}} - got "${unknown}".`);
	return values;
}
