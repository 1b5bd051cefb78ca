import type { ILoadOptionsFunctions } from 'n8n-workflow';
import { DEFAULT_SENDER } from '../actions/common/sender';

/**
 * A sibling parameter's plain value, or undefined. Dropdowns must keep working where a parameter is absent or is
 * an expression that cannot be resolved while editing (the node's AI-tool form fills fields with $fromAI), so
 * every lookup falls back to "not chosen" instead of failing (n8n issue #16799).
 */
export function currentValue(context: ILoadOptionsFunctions, name: string, extractValue = false): string | undefined {
	let value: unknown;
	try {
		value = context.getCurrentNodeParameter(name, extractValue ? { extractValue: true } : undefined);
	} catch {
		return undefined;
	}
	if (value && typeof value === 'object' && 'value' in value) value = (value as { value: unknown }).value;
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	if (text === '' || text.startsWith('=')) return undefined;
	return text;
}

/** The chosen sender number, or undefined for the tenant's default. */
export function currentSender(context: ILoadOptionsFunctions): string | undefined {
	const from = currentValue(context, 'from');
	return from === DEFAULT_SENDER ? undefined : from;
}
