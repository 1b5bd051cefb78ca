import type { GraphClient, GraphTarget } from './graphClient';

/** A template as Graph lists it (contract A.4). */
export interface GraphTemplate {
	id: string;
	name: string;
	language: string;
	status: string;
	category: string;
	parameter_format?: string;
	components?: unknown[];
	sub_category?: string;
	previous_category?: string;
	rejected_reason?: string;
}

export interface GraphPage<T> {
	data: T[];
	paging?: { cursors?: { before?: string; after?: string }; next?: string };
}

export interface TemplateFilter {
	status?: string;
	name?: string;
	language?: string;
}

export const TEMPLATE_FIELDS = 'id,name,language,status,category,parameter_format,components,sub_category,previous_category,rejected_reason';

/**
 * One page of a WABA's templates. Pages are followed by their `after` cursor rather than the `next` URL, so the
 * token is only ever sent to the configured Graph host.
 */
export function listTemplatesPage(graph: GraphClient, target: GraphTarget, wabaId: string, filter: TemplateFilter, page: { limit: number; after?: string }): Promise<GraphPage<GraphTemplate>> {
	return graph.request<GraphPage<GraphTemplate>>(target, {
		method: 'GET',
		path: `${wabaId}/message_templates`,
		params: { fields: TEMPLATE_FIELDS, limit: page.limit, after: page.after, status: filter.status, name: filter.name, language: filter.language },
	});
}

export function getTemplate(graph: GraphClient, target: GraphTarget, templateId: string): Promise<GraphTemplate> {
	return graph.request<GraphTemplate>(target, { method: 'GET', path: encodeURIComponent(templateId), params: { fields: TEMPLATE_FIELDS } });
}

export function createTemplate(graph: GraphClient, target: GraphTarget, wabaId: string, definition: Record<string, unknown>): Promise<{ id: string; status: string; category: string }> {
	return graph.request(target, { method: 'POST', path: `${wabaId}/message_templates`, data: definition });
}

/** Replaces the category and/or the components (all of them) of one template; Meta reviews it again. */
export async function editTemplate(graph: GraphClient, target: GraphTarget, templateId: string, changes: { category?: string; components?: unknown[]; parameter_format?: string }): Promise<void> {
	await graph.request(target, { method: 'POST', path: encodeURIComponent(templateId), data: changes });
}

/** By name alone every language goes; with `hsm_id` only that one. */
export async function deleteTemplate(graph: GraphClient, target: GraphTarget, wabaId: string, name: string, templateId?: string): Promise<void> {
	await graph.request(target, { method: 'DELETE', path: `${wabaId}/message_templates`, params: { name, hsm_id: templateId } });
}
