import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** A JSON parameter may arrive parsed (from an expression) or as text (typed in the editor). */
function parse(context: IExecuteFunctions, value: unknown, field: string, itemIndex: number): unknown {
	if (typeof value !== 'string') return value;
	try {
		return JSON.parse(value) as unknown;
	} catch (error) {
		throw new NodeOperationError(context.getNode(), `${field} is not valid JSON`, { itemIndex, description: (error as Error).message });
	}
}

export function parseJsonObject(context: IExecuteFunctions, value: unknown, field: string, itemIndex: number): IDataObject {
	if (value === undefined || value === '') return {};
	const parsed = parse(context, value, field, itemIndex);
	if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as IDataObject;
	throw new NodeOperationError(context.getNode(), `${field} must be a JSON object`, { itemIndex });
}

export function parseJsonArray(context: IExecuteFunctions, value: unknown, field: string, itemIndex: number): IDataObject[] {
	if (value === undefined || value === '') return [];
	const parsed = parse(context, value, field, itemIndex);
	if (Array.isArray(parsed) && parsed.every((entry) => typeof entry === 'object' && entry !== null && !Array.isArray(entry))) return parsed as IDataObject[];
	throw new NodeOperationError(context.getNode(), `${field} must be a JSON array of objects`, { itemIndex });
}
