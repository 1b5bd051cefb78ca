import {
	childPath,
	invalid,
	type JsonObject,
	objectItems,
	optionalEnum,
	optionalObject,
	optionalString,
	requireArray,
	requireEnum,
	requireObject,
	requireString,
} from './fields';
import { isDownloadableLink, type MediaReference, validateMediaObject } from './media';
import { requireUnique } from './simpleTypes';

/**
 * Interactive messages (contract A.1): the common header/body/footer parts and one `action` shape per
 * `interactive.type`. Limits are Meta's: 3 reply buttons, 10 sections, 10 rows, 20/24/72-character titles.
 */
export const INTERACTIVE_TYPES = [
	'button',
	'list',
	'cta_url',
	'flow',
	'product',
	'product_list',
	'catalog_message',
	'call_permission_request',
	'order_details',
	'order_status',
	'location_request_message',
	'address_message',
] as const;
export type InteractiveType = (typeof INTERACTIVE_TYPES)[number];

const HEADER_TYPES = ['text', 'image', 'video', 'document'] as const;
const BODY_OPTIONAL: readonly InteractiveType[] = ['product', 'product_list'];

export function validateInteractive(interactive: JsonObject, path: string): MediaReference[] {
	const type = requireEnum(interactive, 'type', path, INTERACTIVE_TYPES);
	const media: MediaReference[] = [];

	const header = optionalObject(interactive, 'header', path);
	const headerPath = childPath(path, 'header');
	if (header) {
		if (type === 'product') throw invalid.notAllowed(headerPath, 'product messages have no header');
		const headerType = requireEnum(header, 'type', headerPath, HEADER_TYPES);
		if (headerType === 'text') requireString(header, 'text', headerPath, { max: 60 });
		else media.push(validateMediaObject(requireObject(header, headerType, headerPath), childPath(headerPath, headerType), headerType));
		optionalString(header, 'sub_text', headerPath, { max: 60 });
		if (type === 'product_list' && headerType !== 'text') throw invalid.value(childPath(headerPath, 'type'), 'must be text for product_list messages');
	} else if (type === 'product_list') {
		throw invalid.required(headerPath);
	}

	const body = optionalObject(interactive, 'body', path);
	if (body) requireString(body, 'text', childPath(path, 'body'), { max: 1024 });
	else if (!BODY_OPTIONAL.includes(type)) throw invalid.required(childPath(path, 'body'));

	const footer = optionalObject(interactive, 'footer', path);
	if (footer) requireString(footer, 'text', childPath(path, 'footer'), { max: 60 });

	const action = requireObject(interactive, 'action', path);
	ACTION_VALIDATORS[type](action, childPath(path, 'action'));
	return media;
}

type ActionValidator = (action: JsonObject, path: string) => void;

function requireActionName(action: JsonObject, path: string, name: string): void {
	requireEnum(action, 'name', path, [name]);
}

const ACTION_VALIDATORS: Record<InteractiveType, ActionValidator> = {
	button: (action, path) => {
		const buttons = requireArray(action, 'buttons', path, { min: 1, max: 3 });
		const items = objectItems(buttons, childPath(path, 'buttons'));
		const ids: Array<{ value: string; path: string }> = [];
		const titles: Array<{ value: string; path: string }> = [];
		for (const { item, path: buttonPath } of items) {
			requireEnum(item, 'type', buttonPath, ['reply'] as const);
			const reply = requireObject(item, 'reply', buttonPath);
			const replyPath = childPath(buttonPath, 'reply');
			ids.push({ value: requireString(reply, 'id', replyPath, { max: 256 }), path: childPath(replyPath, 'id') });
			titles.push({ value: requireString(reply, 'title', replyPath, { max: 20 }), path: childPath(replyPath, 'title') });
		}
		requireUnique(ids);
		requireUnique(titles);
	},
	list: (action, path) => {
		requireString(action, 'button', path, { max: 20 });
		const sections = requireArray(action, 'sections', path, { min: 1, max: 10 });
		const rowIds: Array<{ value: string; path: string }> = [];
		for (const { item: section, path: sectionPath } of objectItems(sections, childPath(path, 'sections'))) {
			if (sections.length > 1) requireString(section, 'title', sectionPath, { max: 24 });
			else optionalString(section, 'title', sectionPath, { max: 24 });
			const rows = requireArray(section, 'rows', sectionPath, { min: 1, max: 10 });
			for (const { item: row, path: rowPath } of objectItems(rows, childPath(sectionPath, 'rows'))) {
				rowIds.push({ value: requireString(row, 'id', rowPath, { max: 200 }), path: childPath(rowPath, 'id') });
				requireString(row, 'title', rowPath, { max: 24 });
				optionalString(row, 'description', rowPath, { max: 72, allowEmpty: true });
			}
		}
		// Meta caps the whole list, not only each section.
		if (rowIds.length > 10) throw invalid.value(childPath(path, 'sections'), 'must contain at most 10 rows in total');
		requireUnique(rowIds);
	},
	cta_url: (action, path) => {
		requireActionName(action, path, 'cta_url');
		const parameters = requireObject(action, 'parameters', path);
		const parametersPath = childPath(path, 'parameters');
		requireString(parameters, 'display_text', parametersPath, { max: 20 });
		const url = requireString(parameters, 'url', parametersPath);
		if (!isDownloadableLink(url)) throw invalid.value(childPath(parametersPath, 'url'), 'must be an http or https URL');
	},
	flow: (action, path) => {
		requireActionName(action, path, 'flow');
		const parameters = requireObject(action, 'parameters', path);
		const parametersPath = childPath(path, 'parameters');
		requireString(parameters, 'flow_message_version', parametersPath, { pattern: /^3$/, patternHint: 'must be "3"' });
		const hasId = parameters.flow_id !== undefined;
		const hasName = parameters.flow_name !== undefined;
		if (hasId && hasName) throw invalid.value(parametersPath, 'must contain either flow_id or flow_name, not both');
		if (!hasId && !hasName) throw invalid.required(`${childPath(parametersPath, 'flow_id')} or ${childPath(parametersPath, 'flow_name')}`);
		if (hasId) requireString(parameters, 'flow_id', parametersPath);
		else requireString(parameters, 'flow_name', parametersPath);
		requireString(parameters, 'flow_cta', parametersPath, { max: 30 });
		optionalString(parameters, 'flow_token', parametersPath);
		optionalEnum(parameters, 'mode', parametersPath, ['draft', 'published'] as const);
		const flowAction = optionalEnum(parameters, 'flow_action', parametersPath, ['navigate', 'data_exchange'] as const);
		const payload = optionalObject(parameters, 'flow_action_payload', parametersPath);
		if (payload) {
			const payloadPath = childPath(parametersPath, 'flow_action_payload');
			if ((flowAction ?? 'navigate') === 'navigate') requireString(payload, 'screen', payloadPath);
			optionalObject(payload, 'data', payloadPath);
		}
	},
	product: (action, path) => {
		requireString(action, 'catalog_id', path);
		requireString(action, 'product_retailer_id', path);
	},
	product_list: (action, path) => {
		requireString(action, 'catalog_id', path);
		const sections = requireArray(action, 'sections', path, { min: 1, max: 10 });
		let total = 0;
		for (const { item: section, path: sectionPath } of objectItems(sections, childPath(path, 'sections'))) {
			requireString(section, 'title', sectionPath, { max: 24 });
			const items = requireArray(section, 'product_items', sectionPath, { min: 1, max: 30 });
			for (const { item, path: itemPath } of objectItems(items, childPath(sectionPath, 'product_items'))) requireString(item, 'product_retailer_id', itemPath);
			total += items.length;
		}
		if (total > 30) throw invalid.value(childPath(path, 'sections'), 'must contain at most 30 products in total');
	},
	catalog_message: (action, path) => {
		requireActionName(action, path, 'catalog_message');
		const parameters = optionalObject(action, 'parameters', path);
		if (parameters) optionalString(parameters, 'thumbnail_product_retailer_id', childPath(path, 'parameters'));
	},
	call_permission_request: (action, path) => requireActionName(action, path, 'call_permission_request'),
	order_details: (action, path) => {
		requireActionName(action, path, 'review_and_pay');
		const parameters = requireObject(action, 'parameters', path);
		const parametersPath = childPath(path, 'parameters');
		requireString(parameters, 'reference_id', parametersPath);
		requireString(parameters, 'currency', parametersPath);
		requireObject(parameters, 'total_amount', parametersPath);
		requireObject(parameters, 'order', parametersPath);
	},
	order_status: (action, path) => {
		requireActionName(action, path, 'review_order');
		const parameters = requireObject(action, 'parameters', path);
		const parametersPath = childPath(path, 'parameters');
		requireString(parameters, 'reference_id', parametersPath);
		const order = requireObject(parameters, 'order', parametersPath);
		requireString(order, 'status', childPath(parametersPath, 'order'));
	},
	location_request_message: (action, path) => requireActionName(action, path, 'send_location'),
	address_message: (action, path) => requireActionName(action, path, 'address_message'),
};
