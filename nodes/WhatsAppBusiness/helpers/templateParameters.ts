import type { IDataObject } from 'n8n-workflow';

/** One value a template needs at send time, found in its definition. */
export type TemplateParameter =
	| { key: string; component: 'header'; kind: 'text'; name: string; required: true }
	| { key: string; component: 'header'; kind: 'image' | 'video' | 'document' | 'location'; required: true }
	| { key: string; component: 'body'; kind: 'text'; name: string; required: true }
	| { key: string; component: 'button'; kind: 'url' | 'quick_reply' | 'copy_code' | 'flow' | 'otp'; index: number; required: boolean; label: string };

const VARIABLE = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/** Variable names in order of first appearance: "1", "2" for positional templates, names for named ones. */
export function variablesIn(text: unknown): string[] {
	if (typeof text !== 'string') return [];
	const names: string[] = [];
	for (const match of text.matchAll(VARIABLE)) if (!names.includes(match[1])) names.push(match[1]);
	return names;
}

function componentOf(components: IDataObject[], type: string): IDataObject | undefined {
	return components.find((component) => String(component.type).toUpperCase() === type);
}

/**
 * What a template asks for, read from its definition: header text variable or header media, body variables,
 * and the buttons that take a value (URL suffix, quick reply payload, coupon code, Flow token, one-time code).
 * Keys are stable ("body:1", "body:first_name", "header:image", "button:0:url") and name the field in the UI
 * (colons, not dots: n8n treats dots in parameter paths as nesting).
 */
export function templateParameters(components: IDataObject[]): TemplateParameter[] {
	const parameters: TemplateParameter[] = [];
	const header = componentOf(components, 'HEADER');
	if (header) {
		const format = String(header.format ?? 'TEXT').toUpperCase();
		if (format === 'TEXT') for (const name of variablesIn(header.text)) parameters.push({ key: `header:${name}`, component: 'header', kind: 'text', name, required: true });
		else if (['IMAGE', 'VIDEO', 'DOCUMENT', 'LOCATION'].includes(format)) {
			const kind = format.toLowerCase() as 'image' | 'video' | 'document' | 'location';
			parameters.push({ key: `header:${kind}`, component: 'header', kind, required: true });
		}
	}
	const body = componentOf(components, 'BODY');
	for (const name of variablesIn(body?.text)) parameters.push({ key: `body:${name}`, component: 'body', kind: 'text', name, required: true });
	const buttons = (componentOf(components, 'BUTTONS')?.buttons as IDataObject[] | undefined) ?? [];
	buttons.forEach((button, index) => {
		const type = String(button.type ?? '').toUpperCase();
		const label = String(button.text ?? '');
		if (type === 'URL' && variablesIn(button.url).length > 0) parameters.push({ key: `button:${index}:url`, component: 'button', kind: 'url', index, required: true, label });
		else if (type === 'QUICK_REPLY') parameters.push({ key: `button:${index}:quick_reply`, component: 'button', kind: 'quick_reply', index, required: false, label });
		else if (type === 'COPY_CODE') parameters.push({ key: `button:${index}:copy_code`, component: 'button', kind: 'copy_code', index, required: true, label });
		else if (type === 'FLOW') parameters.push({ key: `button:${index}:flow`, component: 'button', kind: 'flow', index, required: false, label });
		else if (type === 'OTP') parameters.push({ key: `button:${index}:otp`, component: 'button', kind: 'otp', index, required: true, label });
	});
	return parameters;
}

/** How a parameter is labelled in the mapper. */
export function parameterLabel(parameter: TemplateParameter, components: IDataObject[]): string {
	if (parameter.component === 'body') return `Body {{${parameter.name}}}`;
	if (parameter.component === 'header') return parameter.kind === 'text' ? `Header {{${parameter.name}}}` : parameter.kind === 'location' ? 'Header location (latitude,longitude)' : `Header ${parameter.kind} (URL or media ID)`;
	const buttons = (componentOf(components, 'BUTTONS')?.buttons as IDataObject[] | undefined) ?? [];
	const position = `Button ${parameter.index + 1}${parameter.label ? ` "${parameter.label}"` : ''}`;
	if (parameter.kind === 'url') return `${position}: URL suffix for ${String(buttons[parameter.index]?.url ?? '')}`;
	if (parameter.kind === 'quick_reply') return `${position}: quick reply payload`;
	if (parameter.kind === 'copy_code') return `${position}: coupon code`;
	if (parameter.kind === 'flow') return `${position}: Flow token`;
	return `${position}: one-time code`;
}
