import { graphErrors } from './errors';

/**
 * Graph's `fields=` projection: a node answers its default fields, or exactly the requested ones (plus
 * `id`, which Graph always includes). Asking for a field the node does not have is error 100.
 */
export function requestedFields(query: unknown): string[] | undefined {
	const raw = (query as { fields?: unknown } | undefined)?.fields;
	if (typeof raw !== 'string' || raw.trim() === '') return undefined;
	return raw
		.split(',')
		.map((field) => field.trim())
		.filter(Boolean)
		// Nested selections such as `throughput{level}` select the whole sub-object here.
		.map((field) => field.replace(/\{.*\}$/, ''));
}

export function projectFields(
	node: Record<string, unknown>,
	fields: string[] | undefined,
	defaults: readonly string[],
	nodeType: string,
): Record<string, unknown> {
	const wanted = fields ?? defaults;
	const result: Record<string, unknown> = {};
	for (const field of wanted) {
		if (!(field in node)) throw graphErrors.nonexistingField(field, nodeType);
		if (node[field] !== undefined) result[field] = node[field];
	}
	result.id = node.id;
	return result;
}
