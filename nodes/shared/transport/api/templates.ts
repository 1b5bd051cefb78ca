import type { IDataObject } from 'n8n-workflow';
import { serviceRequest, type ServiceContext } from '../request';

/** A template definition as Meta describes it (components keep Meta's shape: HEADER, BODY, FOOTER, BUTTONS). */
export interface TemplateDefinition extends IDataObject {
	id: string;
	name: string;
	language: string;
	status: string;
	category: string;
	parameterFormat: 'NAMED' | 'POSITIONAL' | null;
	components: IDataObject[];
}

export interface TemplatePage {
	data: TemplateDefinition[];
	nextCursor: string | null;
}

/** Which WABA: the one behind a phone number (`from`), or a WABA id; neither means the default number's. */
export interface WabaSelection {
	from?: string;
	wabaId?: string;
}

export interface TemplateQuery extends WabaSelection {
	status?: string;
	name?: string;
	search?: string;
	language?: string;
	limit?: number;
	after?: string;
}

function compact(values: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined && value !== ''));
}

export async function listTemplates(context: ServiceContext, query: TemplateQuery, itemIndex?: number): Promise<TemplatePage> {
	return serviceRequest<TemplatePage>(context, 'whatsAppTenantApi', { method: 'GET', path: '/v1/templates', qs: compact({ ...query }), itemIndex });
}

/** Follows the cursor until `max` templates (or all of them) are read. */
export async function listAllTemplates(context: ServiceContext, query: TemplateQuery, max: number | undefined, itemIndex?: number): Promise<TemplateDefinition[]> {
	const collected: TemplateDefinition[] = [];
	let after: string | undefined;
	do {
		const remaining = max === undefined ? 100 : Math.min(100, max - collected.length);
		const page = await listTemplates(context, { ...query, limit: remaining, after }, itemIndex);
		collected.push(...page.data);
		after = page.nextCursor ?? undefined;
	} while (after && (max === undefined || collected.length < max));
	return max === undefined ? collected : collected.slice(0, max);
}

export async function getTemplate(context: ServiceContext, id: string, selection: WabaSelection, itemIndex?: number): Promise<TemplateDefinition> {
	return serviceRequest<TemplateDefinition>(context, 'whatsAppTenantApi', { method: 'GET', path: `/v1/templates/${encodeURIComponent(id)}`, qs: compact({ ...selection }), itemIndex });
}

/** The one template with this name and language, or undefined. */
export async function findTemplate(context: ServiceContext, selection: WabaSelection & { name: string; language: string }, itemIndex?: number): Promise<TemplateDefinition | undefined> {
	const page = await listTemplates(context, { ...selection, limit: 100 }, itemIndex);
	// The filters narrow the page; the exact comparison guards against a service that matches names loosely.
	return page.data.find((template) => template.name === selection.name && template.language === selection.language);
}

export interface TemplateDraft extends IDataObject {
	name: string;
	language: string;
	category: string;
	components: IDataObject[];
	parameterFormat?: 'NAMED' | 'POSITIONAL';
	allowCategoryChange?: boolean;
}

export async function createTemplate(context: ServiceContext, selection: WabaSelection, draft: TemplateDraft, itemIndex?: number): Promise<IDataObject> {
	return serviceRequest(context, 'whatsAppTenantApi', { method: 'POST', path: '/v1/templates', body: compact({ ...selection, ...draft }), itemIndex });
}

export interface TemplateChanges extends WabaSelection {
	category?: string;
	components?: IDataObject[];
	parameterFormat?: 'NAMED' | 'POSITIONAL';
}

/** New components replace all of the template's; the service answers with the template as it now stands. */
export async function updateTemplate(context: ServiceContext, templateId: string, changes: TemplateChanges, itemIndex?: number): Promise<IDataObject> {
	return serviceRequest(context, 'whatsAppTenantApi', { method: 'PATCH', path: `/v1/templates/${encodeURIComponent(templateId)}`, body: compact({ ...changes }), itemIndex });
}

/** Without templateId every language of the name goes; with it, only that one. */
export async function deleteTemplate(context: ServiceContext, selection: WabaSelection & { name: string; templateId?: string }, itemIndex?: number): Promise<IDataObject> {
	const { name, ...query } = selection;
	return serviceRequest(context, 'whatsAppTenantApi', { method: 'DELETE', path: `/v1/templates/${encodeURIComponent(name)}`, qs: compact({ ...query }), itemIndex });
}
