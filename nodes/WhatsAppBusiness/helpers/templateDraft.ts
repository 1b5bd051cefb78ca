import type { IDataObject } from 'n8n-workflow';
import { variablesIn } from './templateParameters';

export interface DraftButton {
	type: 'quickReply' | 'url' | 'phoneNumber' | 'copyCode';
	text: string;
	url?: string;
	phoneNumber?: string;
	/** URL suffix example, or the coupon code example. */
	example?: string;
}

export interface DraftFields {
	headerText?: string;
	headerExample?: string;
	bodyText: string;
	/** One example per body variable, in order of appearance. */
	bodyExamples: string[];
	footerText?: string;
	buttons: DraftButton[];
}

const isPositional = (names: string[]) => names.every((name) => /^\d+$/.test(name));

/** Meta asks for examples in a different shape for named and positional variables. */
function textExample(kind: 'header' | 'body', names: string[], examples: string[]): IDataObject | undefined {
	if (names.length === 0) return undefined;
	if (isPositional(names)) return kind === 'header' ? { header_text: examples.slice(0, names.length) } : { body_text: [examples.slice(0, names.length)] };
	const named = names.map((name, index) => ({ param_name: name, example: examples[index] ?? '' }));
	return kind === 'header' ? { header_text_named_params: named } : { body_text_named_params: named };
}

/**
 * Meta's template components from a simple form: text header, body, footer and buttons, with the examples Meta
 * requires for every variable. Named variables ({{first_name}}) make a NAMED template, numbers a POSITIONAL one.
 */
export function buildTemplateDraft(fields: DraftFields): { components: IDataObject[]; parameterFormat: 'NAMED' | 'POSITIONAL' } {
	const components: IDataObject[] = [];
	const headerNames = variablesIn(fields.headerText);
	const bodyNames = variablesIn(fields.bodyText);
	if (fields.headerText) {
		const example = textExample('header', headerNames, fields.headerExample ? [fields.headerExample] : []);
		components.push({ type: 'HEADER', format: 'TEXT', text: fields.headerText, ...(example ? { example } : {}) });
	}
	const bodyExample = textExample('body', bodyNames, fields.bodyExamples);
	components.push({ type: 'BODY', text: fields.bodyText, ...(bodyExample ? { example: bodyExample } : {}) });
	if (fields.footerText) components.push({ type: 'FOOTER', text: fields.footerText });
	if (fields.buttons.length > 0) {
		components.push({
			type: 'BUTTONS',
			buttons: fields.buttons.map((button) => {
				if (button.type === 'url') return { type: 'URL', text: button.text, url: button.url ?? '', ...(variablesIn(button.url).length > 0 && button.example ? { example: [button.example] } : {}) };
				if (button.type === 'phoneNumber') return { type: 'PHONE_NUMBER', text: button.text, phone_number: button.phoneNumber ?? '' };
				if (button.type === 'copyCode') return { type: 'COPY_CODE', example: button.example ?? '' };
				return { type: 'QUICK_REPLY', text: button.text };
			}),
		});
	}
	return { components, parameterFormat: isPositional([...headerNames, ...bodyNames]) ? 'POSITIONAL' : 'NAMED' };
}
