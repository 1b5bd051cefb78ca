import { controlErrors } from '../controlError';
import { isObject, type JsonObject } from '../validation/fields';

/**
 * Typed readers for control-API bodies. Failures are 400s naming the field, in the control API's own shape.
 */
export function objectBody(body: unknown): JsonObject {
	if (body === undefined || body === null || body === '') return {};
	if (!isObject(body)) throw controlErrors.badRequest('The body must be a JSON object.');
	return body;
}

function bad(field: string, expected: string): never {
	throw controlErrors.badRequest(`${field} must be ${expected}`, { field });
}

export function requiredString(obj: JsonObject, key: string, field = key): string {
	const value = obj[key];
	if (typeof value !== 'string' || value.trim() === '') bad(field, 'a non-empty string');
	return value;
}

export function optionalString(obj: JsonObject, key: string, field = key): string | undefined {
	const value = obj[key];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') bad(field, 'a string');
	return value;
}

export function optionalNumber(obj: JsonObject, key: string, field = key, range: { min?: number; max?: number } = {}): number | undefined {
	const value = obj[key];
	if (value === undefined || value === null) return undefined;
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isFinite(number)) bad(field, 'a number');
	if ((range.min !== undefined && number < range.min) || (range.max !== undefined && number > range.max)) {
		bad(field, `between ${range.min ?? '-∞'} and ${range.max ?? '∞'}`);
	}
	return number;
}

export function optionalBoolean(obj: JsonObject, key: string, field = key): boolean | undefined {
	const value = obj[key];
	if (value === undefined || value === null) return undefined;
	if (value === 'true') return true;
	if (value === 'false') return false;
	if (typeof value !== 'boolean') bad(field, 'a boolean');
	return value;
}

export function optionalStringArray(obj: JsonObject, key: string, field = key): string[] | undefined {
	const value = obj[key];
	if (value === undefined || value === null) return undefined;
	if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) bad(field, 'an array of strings');
	return value as string[];
}

export function optionalObject(obj: JsonObject, key: string, field = key): JsonObject | undefined {
	const value = obj[key];
	if (value === undefined || value === null) return undefined;
	if (!isObject(value)) bad(field, 'an object');
	return value;
}

export function objectArray(obj: JsonObject, key: string, field = key): JsonObject[] {
	const value = obj[key];
	if (value === undefined || value === null) return [];
	if (!Array.isArray(value) || value.some((item) => !isObject(item))) bad(field, 'an array of objects');
	return value as JsonObject[];
}

export function optionalEnum<T extends string>(obj: JsonObject, key: string, values: readonly T[], field = key): T | undefined {
	const value = obj[key];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) bad(field, `one of ${values.join(', ')}`);
	return value as T;
}
