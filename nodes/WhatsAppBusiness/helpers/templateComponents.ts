import type { IDataObject } from 'n8n-workflow';
import type { TemplateParameter } from './templateParameters';

/** A body or header value sent as money or a date instead of text (Meta formats it for the reader). */
export type TypedValue = { type: 'currency'; code: string; amount: number; fallback: string } | { type: 'date_time'; fallback: string };

export interface ComponentInput {
	parameters: TemplateParameter[];
	named: boolean;
	/** Values by parameter key; undefined or '' means "not given". */
	values: Record<string, unknown>;
	/** Typed overrides by variable name ("1", "total"), for body and header text variables. */
	typed?: Record<string, TypedValue>;
	/** Header media already resolved to a link or id (from a binary upload, say); wins over the mapped value. */
	headerMedia?: IDataObject;
}

export class TemplateValueError extends Error {
	constructor(
		message: string,
		readonly key: string,
	) {
		super(message);
	}
}

function textParameter(name: string, value: unknown, named: boolean, typed: TypedValue | undefined): IDataObject {
	const parameterName = named ? { parameter_name: name } : {};
	if (typed?.type === 'currency') return { type: 'currency', ...parameterName, currency: { fallback_value: typed.fallback, code: typed.code, amount_1000: Math.round(typed.amount * 1000) } };
	if (typed?.type === 'date_time') return { type: 'date_time', ...parameterName, date_time: { fallback_value: typed.fallback } };
	return { type: 'text', ...parameterName, text: String(value) };
}

function mediaParameter(kind: 'image' | 'video' | 'document', value: string): IDataObject {
	const trimmed = value.trim();
	return { type: kind, [kind]: /^https?:\/\//i.test(trimmed) ? { link: trimmed } : { id: trimmed } };
}

function locationParameter(key: string, value: unknown): IDataObject {
	if (typeof value === 'object' && value !== null) return { type: 'location', location: value as IDataObject };
	// The address may itself contain commas: only the first three separate fields.
	const match = /^\s*([^,]+),([^,]+)(?:,([^,]*))?(?:,(.*))?$/.exec(String(value));
	const [latitude, longitude, name, address] = (match?.slice(1) ?? []).map((part) => part?.trim());
	if (!latitude || !longitude || Number.isNaN(Number(latitude)) || Number.isNaN(Number(longitude))) throw new TemplateValueError('The header location must be "latitude,longitude" (optionally followed by ",name,address")', key);
	return { type: 'location', location: { latitude: Number(latitude), longitude: Number(longitude), ...(name ? { name } : {}), ...(address ? { address } : {}) } };
}

function buttonParameter(parameter: Extract<TemplateParameter, { component: 'button' }>, value: unknown): IDataObject {
	const text = String(value);
	switch (parameter.kind) {
		case 'url':
			return { type: 'button', sub_type: 'url', index: String(parameter.index), parameters: [{ type: 'text', text }] };
		case 'otp':
			// One-time codes travel as the URL button's text, which WhatsApp puts behind "copy code".
			return { type: 'button', sub_type: 'url', index: String(parameter.index), parameters: [{ type: 'text', text }] };
		case 'quick_reply':
			return { type: 'button', sub_type: 'quick_reply', index: String(parameter.index), parameters: [{ type: 'payload', payload: text }] };
		case 'copy_code':
			return { type: 'button', sub_type: 'copy_code', index: String(parameter.index), parameters: [{ type: 'coupon_code', coupon_code: text }] };
		case 'flow':
			return { type: 'button', sub_type: 'flow', index: String(parameter.index), parameters: [{ type: 'action', action: { flow_token: text } }] };
	}
}

const given = (value: unknown) => value !== undefined && value !== null && value !== '';

/**
 * Meta's send-time components from the values the user mapped: header, body (in the template's variable order,
 * named or positional), then one component per button that takes a value. Missing required values throw, naming
 * the field, before anything is sent.
 */
export function buildTemplateComponents(input: ComponentInput): IDataObject[] {
	const components: IDataObject[] = [];
	const missing = input.parameters.filter((parameter) => parameter.required && !given(input.values[parameter.key]) && !input.typed?.[nameOf(parameter)] && !(parameter.component === 'header' && parameter.kind !== 'text' && input.headerMedia));
	if (missing.length > 0) throw new TemplateValueError(`Missing template value: ${missing.map((parameter) => parameter.key).join(', ')}`, missing[0].key);

	const headerParameters: IDataObject[] = [];
	const bodyParameters: IDataObject[] = [];
	for (const parameter of input.parameters) {
		const value = input.values[parameter.key];
		if (parameter.component === 'header') {
			if (parameter.kind === 'text') headerParameters.push(textParameter(parameter.name, value, input.named, input.typed?.[parameter.name]));
			else if (input.headerMedia) headerParameters.push(input.headerMedia);
			else if (parameter.kind === 'location') headerParameters.push(locationParameter(parameter.key, value));
			else headerParameters.push(mediaParameter(parameter.kind, String(value)));
		} else if (parameter.component === 'body') {
			bodyParameters.push(textParameter(parameter.name, value, input.named, input.typed?.[parameter.name]));
		}
	}
	if (headerParameters.length > 0) components.push({ type: 'header', parameters: headerParameters });
	if (bodyParameters.length > 0) components.push({ type: 'body', parameters: bodyParameters });
	for (const parameter of input.parameters) {
		if (parameter.component === 'button' && given(input.values[parameter.key])) components.push(buttonParameter(parameter, input.values[parameter.key]));
	}
	return components;
}

function nameOf(parameter: TemplateParameter): string {
	return 'name' in parameter ? parameter.name : parameter.key;
}
