import { graphErrors } from '../graph/errors';
import {
	type ParameterFormat,
	TEMPLATE_CATEGORIES,
	type TemplateButtonDef,
	type TemplateCategory,
	type TemplateComponentDef,
	templateVariables,
} from '../state/templateStore';
import {
	charLength,
	childPath,
	invalid,
	isObject,
	type JsonObject,
	objectItems,
	optionalString,
	requireArray,
	requireEnum,
	requireString,
} from './fields';
import { isDownloadableLink } from './media';

/**
 * Checks a template definition the way Meta's review front door does (contract A.4): name format, category,
 * language, and the component rules (one BODY, lengths, variables, buttons). Content errors carry Meta's
 * 2388xxx subcodes; malformed fields are plain error 100 naming the field.
 */
export interface TemplateDefinition {
	name: string;
	language: string;
	category: TemplateCategory;
	parameterFormat: ParameterFormat;
	components: TemplateComponentDef[];
}

const COMPONENT_TYPES = ['HEADER', 'BODY', 'FOOTER', 'BUTTONS'] as const;
const HEADER_FORMATS = ['TEXT', 'IMAGE', 'VIDEO', 'DOCUMENT', 'LOCATION'] as const;
const BUTTON_TYPES = ['QUICK_REPLY', 'URL', 'PHONE_NUMBER', 'OTP', 'FLOW', 'MPM', 'COPY_CODE', 'CATALOG', 'VOICE_CALL', 'SPM'] as const;

const SUBCODE = {
	characterLimit: 2388040,
	headerFormat: 2388047,
	bodyFormat: 2388072,
	footerFormat: 2388073,
	variableRatio: 2388293,
	leadingOrTrailingVariable: 2388299,
} as const;

const upper = (value: unknown): unknown => (typeof value === 'string' ? value.toUpperCase() : value);

export function validateTemplateDefinition(body: unknown): TemplateDefinition {
	if (!isObject(body)) throw graphErrors.invalidParameter('The request body must be a JSON object.');
	const name = requireString(body, 'name', '', {
		max: 512,
		pattern: /^[a-z0-9_]+$/,
		patternHint: 'must contain only lowercase letters, digits and underscores',
	});
	const category = requireEnum({ category: upper(body.category) }, 'category', '', TEMPLATE_CATEGORIES);
	const language = requireString(body, 'language', '', { pattern: /^[a-z]{2,3}(_[A-Za-z0-9]{2,4})?$/, patternHint: 'must be a language code such as en or en_US' });
	const parameterFormat =
		body.parameter_format === undefined ? 'POSITIONAL' : requireEnum({ parameter_format: upper(body.parameter_format) }, 'parameter_format', '', ['POSITIONAL', 'NAMED'] as const);

	const items = requireArray(body, 'components', '', { min: 1 });
	const components: TemplateComponentDef[] = [];
	const seen = new Set<string>();
	for (const { item, path } of objectItems(items, 'components')) {
		const type = requireEnum({ type: upper(item.type) }, 'type', path, COMPONENT_TYPES);
		if (seen.has(type)) throw invalid.value(childPath(path, 'type'), `duplicates another ${type} component`);
		seen.add(type);
		components.push(COMPONENT_CHECKS[type]({ ...item, type }, path, category, parameterFormat));
	}
	if (!seen.has('BODY')) throw invalid.required('components[type=BODY]');
	if (category === 'AUTHENTICATION') {
		if (seen.has('HEADER')) throw invalid.notAllowed('components[type=HEADER]', 'authentication templates have no header');
		const buttons = components.find((component) => component.type === 'BUTTONS')?.buttons ?? [];
		if (!buttons.some((button) => button.type === 'OTP')) throw invalid.required('components[type=BUTTONS].buttons[type=OTP]');
	}
	return { name, language, category, parameterFormat, components };
}

type ComponentCheck = (component: JsonObject, path: string, category: TemplateCategory, format: ParameterFormat) => TemplateComponentDef;

const COMPONENT_CHECKS: Record<(typeof COMPONENT_TYPES)[number], ComponentCheck> = {
	HEADER: (component, path, _category, format) => {
		const headerFormat = requireEnum({ format: upper(component.format) }, 'format', path, HEADER_FORMATS);
		if (headerFormat === 'TEXT') {
			const text = requireString(component, 'text', path);
			checkLength(text, 60, 'header');
			const variables = checkVariables(text, format, 'header', SUBCODE.headerFormat);
			if (variables.length > 1) throw contentError(SUBCODE.headerFormat, 'Too many header variables', 'A text header may contain at most one variable.');
			if (variables.length > 0) requireExample(component, path, ['header_text', 'header_text_named_params']);
		} else if (component.text !== undefined) {
			throw invalid.notAllowed(childPath(path, 'text'), `${headerFormat} headers have no text`);
		}
		return { ...component, type: 'HEADER', format: headerFormat };
	},
	BODY: (component, path, category, format) => {
		if (category === 'AUTHENTICATION') {
			// Authentication bodies are fixed by Meta ("{{1}} is your verification code."); only options are sent.
			return { ...component, type: 'BODY' };
		}
		const text = requireString(component, 'text', path);
		checkLength(text, 1024, 'body');
		const variables = checkVariables(text, format, 'body', SUBCODE.bodyFormat);
		if (variables.length === 0) return { ...component, type: 'BODY' };
		const trimmed = text.trim();
		if (trimmed.startsWith('{{') || trimmed.endsWith('}}')) {
			throw contentError(SUBCODE.leadingOrTrailingVariable, 'Variables can\'t be at the start or end of the template', 'Move the variables so the body text starts and ends with fixed text.');
		}
		const fixedWords = text.replace(/\{\{[^}]*\}\}/g, ' ').split(/\s+/).filter(Boolean).length;
		if (fixedWords < variables.length) {
			throw contentError(SUBCODE.variableRatio, 'Too many variables for the message length', 'Add fixed text or remove variables: the body has more variables than words.');
		}
		requireExample(component, path, ['body_text', 'body_text_named_params']);
		return { ...component, type: 'BODY' };
	},
	FOOTER: (component, path, category) => {
		if (category === 'AUTHENTICATION' && component.text === undefined) return { ...component, type: 'FOOTER' };
		const text = requireString(component, 'text', path);
		checkLength(text, 60, 'footer');
		if (templateVariables(text).length > 0) throw contentError(SUBCODE.footerFormat, 'Footer format is incorrect', 'A footer cannot contain variables.');
		return { ...component, type: 'FOOTER' };
	},
	BUTTONS: (component, path) => {
		const items = requireArray(component, 'buttons', path, { min: 1, max: 10 });
		const buttons: TemplateButtonDef[] = [];
		for (const { item, path: buttonPath } of objectItems(items, childPath(path, 'buttons'))) {
			const type = requireEnum({ type: upper(item.type) }, 'type', buttonPath, BUTTON_TYPES);
			const button: TemplateButtonDef = { ...item, type };
			if (type === 'OTP') {
				requireEnum({ otp_type: upper(item.otp_type) }, 'otp_type', buttonPath, ['COPY_CODE', 'ONE_TAP', 'ZERO_TAP'] as const);
				optionalString(item, 'text', buttonPath, { max: 25 });
			} else {
				requireString(item, 'text', buttonPath, { max: 25 });
			}
			if (type === 'URL') {
				const url = requireString(item, 'url', buttonPath, { max: 2000 });
				if (!isDownloadableLink(url.replace(/\{\{\s*\w+\s*\}\}/g, 'x'))) throw invalid.value(childPath(buttonPath, 'url'), 'must be an http or https URL');
				const variables = templateVariables(url);
				if (variables.length > 1 || (variables.length === 1 && !/\{\{\s*\w+\s*\}\}$/.test(url))) {
					throw invalid.value(childPath(buttonPath, 'url'), 'may contain one variable, at its end');
				}
				if (variables.length === 1 && item.example === undefined) throw invalid.required(childPath(buttonPath, 'example'));
			}
			if (type === 'PHONE_NUMBER') requireString(item, 'phone_number', buttonPath, { max: 20 });
			if (type === 'FLOW' && item.flow_id === undefined && item.flow_name === undefined && item.flow_json === undefined) {
				throw invalid.required(`${childPath(buttonPath, 'flow_id')} or ${childPath(buttonPath, 'flow_name')} or ${childPath(buttonPath, 'flow_json')}`);
			}
			if (type === 'COPY_CODE' && item.example === undefined) throw invalid.required(childPath(buttonPath, 'example'));
			buttons.push(button);
		}
		limitButtons(buttons, 'URL', 2, path);
		limitButtons(buttons, 'PHONE_NUMBER', 1, path);
		return { ...component, type: 'BUTTONS', buttons };
	},
};

function contentError(subcode: number, title: string, message: string) {
	return graphErrors.templateCreation(subcode, title, message);
}

function checkLength(text: string, max: number, part: string): void {
	if (charLength(text) > max) {
		throw contentError(SUBCODE.characterLimit, 'Character limit exceeded', `The ${part} text is longer than ${max} characters.`);
	}
}

/** Positional variables must run {{1}}..{{n}} without gaps; named ones must be lowercase words. */
function checkVariables(text: string, format: ParameterFormat, part: string, subcode: number): string[] {
	const variables = templateVariables(text);
	if (format === 'POSITIONAL') {
		const numbers = variables.map(Number);
		if (numbers.some((n) => !Number.isInteger(n))) {
			throw contentError(subcode, `Invalid ${part} variables`, 'Positional templates use numbered variables such as {{1}}; set parameter_format to NAMED for named ones.');
		}
		const sorted = [...numbers].sort((a, b) => a - b);
		if (sorted.some((n, i) => n !== i + 1)) throw contentError(subcode, `Invalid ${part} variables`, 'Variables must be numbered {{1}}, {{2}}, ... without gaps.');
	} else if (variables.some((name) => !/^[a-z_][a-z0-9_]*$/.test(name))) {
		throw contentError(subcode, `Invalid ${part} variables`, 'Named variables may contain only lowercase letters, digits and underscores.');
	}
	return variables;
}

function requireExample(component: JsonObject, path: string, keys: string[]): void {
	const example = component.example;
	if (!isObject(example) || !keys.some((key) => example[key] !== undefined)) {
		throw invalid.required(`${childPath(path, 'example')}.${keys.join(' or ')}`);
	}
}

function limitButtons(buttons: TemplateButtonDef[], type: string, max: number, path: string): void {
	if (buttons.filter((button) => button.type === type).length > max) throw invalid.value(childPath(path, 'buttons'), `may contain at most ${max} ${type} button${max === 1 ? '' : 's'}`);
}
