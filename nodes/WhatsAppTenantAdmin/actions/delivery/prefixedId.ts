import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** Reads an id like `dlq_…` from a field; a malformed one fails here, naming the field, instead of as a 400. */
export function prefixedIdOf(context: IExecuteFunctions, itemIndex: number, field: { parameter: string; label: string; prefix: string }): string {
	const value = String(context.getNodeParameter(field.parameter, itemIndex, '') ?? '').trim();
	if (!new RegExp(`^${field.prefix}_[0-9a-z]{26}$`).test(value)) {
		throw new NodeOperationError(context.getNode(), `${field.label}: "${value}" is not a ${field.prefix}_… ID`, { itemIndex });
	}
	return value;
}
