import { Type } from 'typebox';
import { GraphError } from '../../../sandbox/graph/errors';
import { EDITABLE_TEMPLATE_STATUSES } from '../../../sandbox/state/templateStore';
import { validateTemplateDefinition } from '../../../sandbox/validation/templateDefinition';
import type { App } from '../../../http/app';
import { requireAuth, tenantScopeOf } from '../../../http/auth';
import { errorResponses, SECURITY } from '../../../http/schemas';
import { AppError, badRequest, conflict, invalidField } from '../../../shared/errors';
import type { CloudServices } from '../cloudServices';
import { createTemplate, deleteTemplate, editTemplate, getTemplate, type GraphTemplate } from '../graph/templatesApi';
import { walkTemplates } from './templateWalk';
import { PhoneNumberId, TemplateSchema, WabaId } from './schemas';

const Which = {
	from: Type.Optional(PhoneNumberId),
	wabaId: Type.Optional(WabaId),
};

const ListQuery = Type.Object(
	{
		...Which,
		status: Type.Optional(Type.String({ pattern: '^[A-Za-z_]+(,[A-Za-z_]+)*$', description: 'e.g. APPROVED, or APPROVED,PAUSED' })),
		name: Type.Optional(Type.String({ minLength: 1, maxLength: 512, description: 'Exact template name' })),
		search: Type.Optional(Type.String({ minLength: 1, maxLength: 512, description: 'Part of the name, case-insensitive' })),
		language: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2,3}(_[A-Za-z0-9]{2,4})?$' })),
		limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
		after: Type.Optional(Type.String({ maxLength: 1024, description: 'nextCursor of the previous page' })),
	},
	{ additionalProperties: false },
);

const Category = Type.Union([Type.Literal('MARKETING'), Type.Literal('UTILITY'), Type.Literal('AUTHENTICATION')]);
const ParameterFormat = Type.Union([Type.Literal('POSITIONAL'), Type.Literal('NAMED')]);
const Components = Type.Array(Type.Record(Type.String(), Type.Unknown()), { minItems: 1, maxItems: 10, description: "Meta's component definitions (HEADER, BODY, FOOTER, BUTTONS)" });
const TemplateId = Type.String({ pattern: '^[0-9]{1,32}$' });

const UpdateBody = Type.Object(
	{
		...Which,
		category: Type.Optional(Category),
		parameterFormat: Type.Optional(ParameterFormat),
		components: Type.Optional({ ...Components, description: "Meta's component definitions; they replace all of the template's components" }),
	},
	{ additionalProperties: false },
);

const CreateBody = Type.Object(
	{
		...Which,
		name: Type.String({ minLength: 1, maxLength: 512 }),
		language: Type.String({ minLength: 2, maxLength: 16 }),
		category: Category,
		parameterFormat: Type.Optional(ParameterFormat),
		allowCategoryChange: Type.Optional(Type.Boolean()),
		components: Components,
	},
	{ additionalProperties: false },
);

export function toTemplate(template: GraphTemplate, wabaId: string) {
	return {
		id: template.id,
		name: template.name,
		language: template.language,
		status: template.status,
		category: template.category,
		parameterFormat: template.parameter_format ?? null,
		components: (template.components ?? []) as Array<Record<string, unknown>>,
		wabaId,
		...(template.rejected_reason && template.rejected_reason !== 'NONE' ? { rejectedReason: template.rejected_reason } : {}),
	};
}

/** Message templates of a tenant's WABAs: list (every Graph page, filtered), get, create and edit (checked first), delete. */
export function cloudTemplateRoutes(services: CloudServices) {
	return async (app: App): Promise<void> => {
		const { ctx, accounts, graph, retry } = services;
		const read = requireAuth(ctx.authenticator, { scope: 'read' });
		const admin = requireAuth(ctx.authenticator, { scope: 'admin' });
		const base = { tags: ['templates'], security: SECURITY };

		app.get(
			'/v1/templates',
			{
				preHandler: read,
				schema: {
					...base,
					summary: "List a WABA's templates (from: a number of the WABA, or wabaId; default: the default number's WABA)",
					querystring: ListQuery,
					response: { 200: Type.Object({ data: Type.Array(TemplateSchema), nextCursor: Type.Union([Type.String(), Type.Null()]) }), ...errorResponses(400, 401, 404, 502) },
				},
			},
			async (request) => {
				const { from, wabaId, limit = 50, after, search, ...filter } = request.query;
				const sender = await accounts.senderFor(tenantScopeOf(request), { from, wabaId });
				const page = await walkTemplates(graph, retry, sender.target, sender.wabaId, { ...filter, status: filter.status?.toUpperCase(), search }, { limit, after });
				return { data: page.data.map((template) => toTemplate(template, sender.wabaId)), nextCursor: page.nextCursor };
			},
		);

		app.get(
			'/v1/templates/:templateId',
			{
				preHandler: read,
				schema: {
					...base,
					summary: 'Get one template by id',
					params: Type.Object({ templateId: TemplateId }),
					querystring: Type.Object(Which, { additionalProperties: false }),
					response: { 200: TemplateSchema, ...errorResponses(400, 401, 404, 502) },
				},
			},
			async (request) => {
				const sender = await accounts.senderFor(tenantScopeOf(request), request.query);
				return toTemplate(await retry.run(() => getTemplate(graph, sender.target, request.params.templateId)), sender.wabaId);
			},
		);

		app.post(
			'/v1/templates',
			{
				preHandler: admin,
				schema: {
					...base,
					summary: 'Create a template (checked against Meta’s rules first); it starts PENDING review',
					body: CreateBody,
					response: { 201: Type.Object({ id: Type.String(), name: Type.String(), language: Type.String(), status: Type.String(), category: Type.String(), wabaId: Type.String() }), ...errorResponses(400, 401, 403, 404, 409, 502) },
				},
			},
			async (request, reply) => {
				const { from, wabaId, parameterFormat, allowCategoryChange, ...definition } = request.body;
				const graphBody = { ...definition, ...(parameterFormat ? { parameter_format: parameterFormat } : {}), ...(allowCategoryChange !== undefined ? { allow_category_change: allowCategoryChange } : {}) };
				checkDefinition(graphBody);
				const sender = await accounts.senderFor(tenantScopeOf(request), { from, wabaId });
				const created = await retry.run(() => createTemplate(graph, sender.target, sender.wabaId, graphBody), { fieldPath: (field) => `body.${field}` });
				reply.status(201);
				return { id: created.id, name: definition.name, language: definition.language, status: created.status, category: created.category, wabaId: sender.wabaId };
			},
		);

		app.patch(
			'/v1/templates/:templateId',
			{
				preHandler: admin,
				schema: {
					...base,
					summary: 'Edit a template: its category and/or all of its components (checked against Meta’s rules first); it goes back to PENDING review',
					description: 'Meta allows edits of APPROVED, REJECTED and PAUSED templates only (409 otherwise), and an approved template at most once a day and 10 times a month.',
					params: Type.Object({ templateId: TemplateId }),
					body: UpdateBody,
					response: { 200: TemplateSchema, ...errorResponses(400, 401, 403, 404, 409, 502) },
				},
			},
			async (request) => {
				const { from, wabaId, category, parameterFormat, components } = request.body;
				if (category === undefined && components === undefined) throw invalidField('body', 'give category, components or both');
				const { templateId } = request.params;
				const sender = await accounts.senderFor(tenantScopeOf(request), { from, wabaId });
				const current = await retry.run(() => getTemplate(graph, sender.target, templateId));
				// Any other status is answered 409 here, before Meta is asked.
				if (!(EDITABLE_TEMPLATE_STATUSES as readonly string[]).includes(current.status)) {
					throw conflict(`Template ${current.name} (${current.language}) is ${current.status}: Meta allows editing ${EDITABLE_TEMPLATE_STATUSES.join(', ')} templates only`, { templateId, status: current.status });
				}
				const changes = { ...(category ? { category } : {}), ...(components ? { components } : {}), ...(parameterFormat ? { parameter_format: parameterFormat } : {}) };
				// The template as it would stand after the edit, checked as a whole (a new category may not suit old components).
				checkDefinition({ name: current.name, language: current.language, category: current.category, components: current.components ?? [], ...(current.parameter_format ? { parameter_format: current.parameter_format } : {}), ...changes });
				await retry.run(() => editTemplate(graph, sender.target, templateId, changes), { fieldPath: (field) => `body.${field}` });
				return toTemplate(await retry.run(() => getTemplate(graph, sender.target, templateId)), sender.wabaId);
			},
		);

		app.delete(
			'/v1/templates/:name',
			{
				preHandler: admin,
				schema: {
					...base,
					summary: 'Delete a template: every language, or only the one whose templateId is given',
					params: Type.Object({ name: Type.String({ pattern: '^[a-z0-9_]{1,512}$' }) }),
					querystring: Type.Object({ ...Which, templateId: Type.Optional(TemplateId) }, { additionalProperties: false }),
					response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 502) },
				},
			},
			async (request, reply) => {
				const { templateId, ...which } = request.query;
				const sender = await accounts.senderFor(tenantScopeOf(request), which);
				await retry.run(() => deleteTemplate(graph, sender.target, sender.wabaId, request.params.name, templateId));
				return reply.status(204).send(null);
			},
		);
	};
}

/** Meta's review front door, run here so a malformed template is answered at once and names its field. */
function checkDefinition(graphBody: Record<string, unknown>): void {
	try {
		validateTemplateDefinition(graphBody);
	} catch (error) {
		if (!(error instanceof GraphError)) throw error;
		const text = (error.userMessage ?? error.details ?? error.message).replace(/\.$/, '');
		if (error.field) {
			const field = `body.${error.field.replace(/^parameter_format\b/, 'parameterFormat')}`;
			throw invalidField(field, text.replace(new RegExp(`^(Param|The parameter) ${escape(error.field)} `), '').replace(/^is required$/, 'is required'));
		}
		const problem: AppError = badRequest(text);
		problem.details.providerCode = error.code;
		if (error.subcode !== undefined) problem.details.providerSubcode = error.subcode;
		throw problem;
	}
}

function escape(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
