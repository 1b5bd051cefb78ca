import type { FastifyInstance } from 'fastify';
import { controlErrors } from '../controlError';
import { TEMPLATE_CATEGORIES, TEMPLATE_STATUSES, type NewTemplate, type TemplateComponentDef } from '../state/templateStore';
import type { JsonObject } from '../validation/fields';
import { TEMPLATE_EVENTS, TEMPLATE_REJECTION_REASONS } from '../webhooks/payloads';
import type { ControlDeps } from './controlPlugin';
import { objectArray, objectBody, optionalEnum, optionalString, requiredString } from './input';

/**
 * Template review from the outside: provision templates directly (any status, no review), and approve,
 * reject or otherwise change them, which sends Meta's `message_template_status_update` webhook.
 */
export function registerTemplateControlRoutes(fastify: FastifyInstance, deps: ControlDeps): void {
	const { sim } = deps;

	fastify.post('/templates', async (request, reply) => reply.code(201).send(sim.upsertTemplate(readTemplateInput(objectBody(request.body)))));

	fastify.get<{ Querystring: { wabaId?: string } }>('/templates', async (request) => {
		const wabaIds = request.query.wabaId ? [request.query.wabaId] : [...sim.registry.wabas.keys()];
		return { data: wabaIds.flatMap((wabaId) => sim.templates.listByWaba(wabaId)) };
	});

	fastify.post<{ Params: { id: string } }>('/templates/:id/approve', async (request) => sim.changeTemplateStatus(request.params.id, 'APPROVED'));

	fastify.post<{ Params: { id: string } }>('/templates/:id/reject', async (request) => {
		const body = objectBody(request.body);
		const reason = optionalEnum(body, 'reason', TEMPLATE_REJECTION_REASONS) ?? 'INVALID_FORMAT';
		return sim.changeTemplateStatus(request.params.id, 'REJECTED', reason);
	});

	fastify.post<{ Params: { id: string } }>('/templates/:id/status', async (request) => {
		const body = objectBody(request.body);
		const event = optionalEnum(body, 'event', TEMPLATE_EVENTS);
		if (!event) throw controlErrors.badRequest(`event must be one of ${TEMPLATE_EVENTS.join(', ')}`, { field: 'event' });
		return sim.changeTemplateStatus(request.params.id, event, optionalString(body, 'reason'));
	});
}

/** A template as the control API provisions it: Meta's definition fields, camelCase ids. */
export function readTemplateInput(body: JsonObject): NewTemplate {
	const category = (optionalString(body, 'category') ?? 'UTILITY').toUpperCase();
	if (!(TEMPLATE_CATEGORIES as readonly string[]).includes(category)) {
		throw controlErrors.badRequest(`category must be one of ${TEMPLATE_CATEGORIES.join(', ')}`, { field: 'category' });
	}
	const components = objectArray(body, 'components').map((component) => ({ ...component, type: String(component.type ?? '').toUpperCase() }) as TemplateComponentDef);
	const parameterFormat = (optionalString(body, 'parameterFormat') ?? optionalString(body, 'parameter_format') ?? 'POSITIONAL').toUpperCase();
	if (parameterFormat !== 'POSITIONAL' && parameterFormat !== 'NAMED') throw controlErrors.badRequest('parameterFormat must be POSITIONAL or NAMED', { field: 'parameterFormat' });
	return {
		id: optionalString(body, 'id'),
		wabaId: requiredString(body, 'wabaId'),
		name: requiredString(body, 'name'),
		language: optionalString(body, 'language') ?? 'en_US',
		category: category as NewTemplate['category'],
		status: optionalEnum(body, 'status', TEMPLATE_STATUSES),
		parameterFormat,
		components: components.map((component) => (component.format !== undefined ? { ...component, format: String(component.format).toUpperCase() } : component)),
	};
}
