import type { ILoadOptionsFunctions } from 'n8n-workflow';

/**
 * A sibling parameter's plain value while the user edits the node, or undefined. Dropdowns and list searches
 * must keep working when a parameter is missing or is an expression that cannot be resolved yet (the AI-tool form
 * fills fields with $fromAI), so they fall back to "not chosen" instead of failing (n8n issue #16799).
 */
export function currentParameterValue(context: ILoadOptionsFunctions, name: string): string | undefined {
	let value: unknown;
	try {
		value = context.getCurrentNodeParameter(name, { extractValue: true });
	} catch {
		return undefined;
	}
	// Resource locators answer { mode, value } when the value cannot be extracted.
	if (value && typeof value === 'object' && 'value' in value) value = (value as { value: unknown }).value;
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	if (text === '' || text.startsWith('=')) return undefined;
	return text;
}
