import { graphErrors } from '../graph/errors';

/**
 * Small readers for untrusted JSON. Each one names the offending field by its full dotted path in the
 * error details (`interactive.action.buttons[3].reply.title`), which is what a client needs to fix
 * the request. All failures are Graph error 100, as Meta answers for malformed send bodies.
 */
export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function childPath(parent: string, key: string | number): string {
	if (typeof key === 'number') return `${parent}[${key}]`;
	return parent ? `${parent}.${key}` : key;
}

/** Characters as a person counts them (code points), not UTF-16 units. */
export function charLength(value: string): number {
	let count = 0;
	for (const _ of value) count++;
	return count;
}

export const invalid = {
	required: (path: string) => graphErrors.invalidParameter(`The parameter ${path} is required.`, { field: path }),
	type: (path: string, kind: string) => graphErrors.invalidParameter(`Param ${path} must be ${kind}.`, { field: path }),
	tooLong: (path: string, max: number) => graphErrors.invalidParameter(`Param ${path} must be at most ${max} characters long.`, { field: path }),
	empty: (path: string) => graphErrors.invalidParameter(`Param ${path} must be a non-empty string.`, { field: path }),
	oneOf: (path: string, values: readonly string[], got: unknown) =>
		graphErrors.invalidParameter(`Param ${path} must be one of {${values.join(', ')}} - got ${JSON.stringify(got)}.`, { field: path }),
	tooFew: (path: string, min: number) => graphErrors.invalidParameter(`Param ${path} must have at least ${min} element${min === 1 ? '' : 's'}.`, { field: path }),
	tooMany: (path: string, max: number) => graphErrors.invalidParameter(`Param ${path} must have at most ${max} element${max === 1 ? '' : 's'}.`, { field: path }),
	notAllowed: (path: string, why: string) => graphErrors.invalidParameter(`Param ${path} is not allowed: ${why}.`, { field: path }),
	value: (path: string, why: string) => graphErrors.invalidParameter(`Param ${path} ${why}.`, { field: path }),
};

export interface StringRules {
	max?: number;
	allowEmpty?: boolean;
	pattern?: RegExp;
	patternHint?: string;
}

function checkString(value: unknown, path: string, rules: StringRules): string {
	if (typeof value !== 'string') throw invalid.type(path, 'a string');
	if (!rules.allowEmpty && value.trim().length === 0) throw invalid.empty(path);
	if (rules.max !== undefined && value.length > rules.max && charLength(value) > rules.max) throw invalid.tooLong(path, rules.max);
	if (rules.pattern && !rules.pattern.test(value)) throw invalid.value(path, rules.patternHint ?? `has an invalid format`);
	return value;
}

export function requireString(obj: JsonObject, key: string, parent: string, rules: StringRules = {}): string {
	const path = childPath(parent, key);
	const value = obj[key];
	if (value === undefined || value === null) throw invalid.required(path);
	return checkString(value, path, rules);
}

export function optionalString(obj: JsonObject, key: string, parent: string, rules: StringRules = {}): string | undefined {
	const value = obj[key];
	if (value === undefined || value === null) return undefined;
	return checkString(value, childPath(parent, key), rules);
}

export function requireObject(obj: JsonObject, key: string, parent: string): JsonObject {
	const path = childPath(parent, key);
	const value = obj[key];
	if (value === undefined || value === null) throw invalid.required(path);
	if (!isObject(value)) throw invalid.type(path, 'a JSON object');
	return value;
}

export function optionalObject(obj: JsonObject, key: string, parent: string): JsonObject | undefined {
	const value = obj[key];
	if (value === undefined || value === null) return undefined;
	if (!isObject(value)) throw invalid.type(childPath(parent, key), 'a JSON object');
	return value;
}

export function optionalBoolean(obj: JsonObject, key: string, parent: string): boolean | undefined {
	const value = obj[key];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'boolean') throw invalid.type(childPath(parent, key), 'a boolean');
	return value;
}

export interface ArrayRules {
	min?: number;
	max?: number;
}

function checkArray(value: unknown, path: string, rules: ArrayRules): unknown[] {
	if (!Array.isArray(value)) throw invalid.type(path, 'an array');
	if (rules.min !== undefined && value.length < rules.min) throw invalid.tooFew(path, rules.min);
	if (rules.max !== undefined && value.length > rules.max) throw invalid.tooMany(path, rules.max);
	return value;
}

export function requireArray(obj: JsonObject, key: string, parent: string, rules: ArrayRules = {}): unknown[] {
	const path = childPath(parent, key);
	const value = obj[key];
	if (value === undefined || value === null) throw invalid.required(path);
	return checkArray(value, path, rules);
}

export function optionalArray(obj: JsonObject, key: string, parent: string, rules: ArrayRules = {}): unknown[] | undefined {
	const value = obj[key];
	if (value === undefined || value === null) return undefined;
	return checkArray(value, childPath(parent, key), rules);
}

/** Each array item must be an object; returns them with their paths for further checks. */
export function objectItems(items: unknown[], path: string): Array<{ item: JsonObject; path: string }> {
	return items.map((item, index) => {
		const itemPath = childPath(path, index);
		if (!isObject(item)) throw invalid.type(itemPath, 'a JSON object');
		return { item, path: itemPath };
	});
}

export function requireEnum<T extends string>(obj: JsonObject, key: string, parent: string, values: readonly T[]): T {
	const path = childPath(parent, key);
	const value = obj[key];
	if (value === undefined || value === null) throw invalid.required(path);
	if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) throw invalid.oneOf(path, values, value);
	return value as T;
}

export function optionalEnum<T extends string>(obj: JsonObject, key: string, parent: string, values: readonly T[]): T | undefined {
	if (obj[key] === undefined || obj[key] === null) return undefined;
	return requireEnum(obj, key, parent, values);
}

/** Latitude/longitude: the spec types them as strings, Meta's own examples send numbers; accept both. */
export function requireCoordinate(obj: JsonObject, key: string, parent: string, limit: number): number {
	const path = childPath(parent, key);
	const value = obj[key];
	if (value === undefined || value === null || value === '') throw invalid.required(path);
	const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
	if (!Number.isFinite(number)) throw invalid.type(path, 'a number');
	if (Math.abs(number) > limit) throw invalid.value(path, `must be between -${limit} and ${limit}`);
	return number;
}

/** Meta's examples send `index` as "0" and as 0; both mean the same button. */
export function optionalIndex(obj: JsonObject, key: string, parent: string): number | undefined {
	const value = obj[key];
	if (value === undefined || value === null) return undefined;
	const number = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : Number.NaN;
	if (!Number.isInteger(number) || number < 0 || number > 9) throw invalid.value(childPath(parent, key), 'must be an integer between 0 and 9');
	return number;
}
