import {
	childPath,
	invalid,
	type JsonObject,
	objectItems,
	optionalArray,
	optionalEnum,
	optionalIndex,
	optionalString,
	requireEnum,
	requireObject,
	requireString,
} from './fields';
import { type MediaReference, validateMediaObject } from './media';
import { validateLocation } from './simpleTypes';

/**
 * The shape of a template send (`template.name/language/components[]`). Whether the named template exists,
 * is approved and takes these parameters is decided against the template store (sending/templateCheck).
 */
export interface TemplateParameter {
	type: string;
	path: string;
	/** The text a text parameter contributes to the rendered message (for the hydrated-length check). */
	text?: string;
	parameterName?: string;
}

export type TemplateComponentType = 'header' | 'body' | 'button';

export interface TemplateSendComponent {
	type: TemplateComponentType;
	path: string;
	subType?: string;
	index?: number;
	parameters: TemplateParameter[];
}

export interface TemplateSend {
	name: string;
	language: string;
	components: TemplateSendComponent[];
	media: MediaReference[];
}

const COMPONENT_TYPES = ['header', 'body', 'button'] as const;
export const BUTTON_SUB_TYPES = ['quick_reply', 'url', 'catalog', 'flow', 'copy_code', 'mpm', 'voice_call', 'order_details'] as const;

const PARAMETER_TYPES: Record<TemplateComponentType, readonly string[]> = {
	header: ['text', 'image', 'video', 'document', 'location'],
	body: ['text', 'currency', 'date_time'],
	button: ['payload', 'text', 'action', 'coupon_code'],
};

export function validateTemplateMessage(template: JsonObject, path: string): TemplateSend {
	const name = requireString(template, 'name', path, { max: 512 });
	const language = requireObject(template, 'language', path);
	const languagePath = childPath(path, 'language');
	const code = requireString(language, 'code', languagePath);
	// The spec marks `policy` required, yet most of Meta's own examples omit it.
	optionalEnum(language, 'policy', languagePath, ['deterministic'] as const);

	const media: MediaReference[] = [];
	const components: TemplateSendComponent[] = [];
	const items = optionalArray(template, 'components', path) ?? [];
	for (const { item, path: componentPath } of objectItems(items, childPath(path, 'components'))) {
		components.push(validateComponent(item, componentPath, media));
	}
	return { name, language: code, components, media };
}

function validateComponent(component: JsonObject, path: string, media: MediaReference[]): TemplateSendComponent {
	const rawType = typeof component.type === 'string' ? component.type.toLowerCase() : component.type;
	const type = requireEnum({ type: rawType }, 'type', path, COMPONENT_TYPES);
	const result: TemplateSendComponent = { type, path, parameters: [] };
	if (type === 'button') {
		const rawSubType = typeof component.sub_type === 'string' ? component.sub_type.toLowerCase() : component.sub_type;
		result.subType = requireEnum({ sub_type: rawSubType }, 'sub_type', path, BUTTON_SUB_TYPES);
		result.index = optionalIndex(component, 'index', path);
		if (result.index === undefined) throw invalid.required(childPath(path, 'index'));
	}
	const parameters = optionalArray(component, 'parameters', path, type === 'header' ? { min: 1 } : {}) ?? [];
	for (const { item, path: parameterPath } of objectItems(parameters, childPath(path, 'parameters'))) {
		result.parameters.push(validateParameter(item, parameterPath, type, media));
	}
	return result;
}

function validateParameter(parameter: JsonObject, path: string, component: TemplateComponentType, media: MediaReference[]): TemplateParameter {
	const type = requireEnum(parameter, 'type', path, PARAMETER_TYPES[component]);
	const result: TemplateParameter = { type, path };
	result.parameterName = optionalString(parameter, 'parameter_name', path, {
		pattern: /^[a-z_][a-z0-9_]*$/,
		patternHint: 'must contain only lowercase letters, digits and underscores',
	});
	switch (type) {
		case 'text':
			if (component === 'button') {
				// Meta's own examples put booleans here; the value is only appended to a URL or echoed back.
				const value = parameter.text;
				if (value === undefined || value === null) throw invalid.required(childPath(path, 'text'));
				if (typeof value === 'object') throw invalid.type(childPath(path, 'text'), 'a string');
				result.text = String(value);
			} else {
				result.text = requireString(parameter, 'text', path, { max: component === 'header' ? 60 : 32768 });
			}
			break;
		case 'currency': {
			const currency = requireObject(parameter, 'currency', path);
			const currencyPath = childPath(path, 'currency');
			result.text = requireString(currency, 'fallback_value', currencyPath);
			requireString(currency, 'code', currencyPath, { pattern: /^[A-Z]{3}$/, patternHint: 'must be an ISO 4217 currency code' });
			if (typeof currency.amount_1000 !== 'number' || !Number.isInteger(currency.amount_1000)) {
				throw currency.amount_1000 === undefined ? invalid.required(childPath(currencyPath, 'amount_1000')) : invalid.type(childPath(currencyPath, 'amount_1000'), 'an integer');
			}
			break;
		}
		case 'date_time':
			result.text = requireString(requireObject(parameter, 'date_time', path), 'fallback_value', childPath(path, 'date_time'));
			break;
		case 'image':
		case 'video':
		case 'document':
			media.push(validateMediaObject(requireObject(parameter, type, path), childPath(path, type), type, { filename: type === 'document' }));
			break;
		case 'location':
			validateLocation(requireObject(parameter, 'location', path), childPath(path, 'location'));
			break;
		case 'payload':
			requireString(parameter, 'payload', path, { max: 1000 });
			break;
		case 'action':
			requireObject(parameter, 'action', path);
			break;
		case 'coupon_code':
			requireString(parameter, 'coupon_code', path, { max: 15 });
			break;
	}
	return result;
}
