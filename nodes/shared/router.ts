import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/** What one operation returns for one input item: its JSON (and binary), or several items. */
export type OperationResult = INodeExecutionData | INodeExecutionData[] | IDataObject | IDataObject[];

/** An operation file exports its UI fields and its execution side by side. */
export interface Operation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult>;
}

export type OperationsByResource = Record<string, Record<string, Operation>>;

function isExecutionData(value: unknown): value is INodeExecutionData {
	return typeof value === 'object' && value !== null && 'json' in value && typeof (value as INodeExecutionData).json === 'object';
}

/** Every output item names the input item it came from, so n8n can pair them in expressions. */
function withPairing(result: OperationResult, itemIndex: number): INodeExecutionData[] {
	const list = Array.isArray(result) ? result : [result];
	return list.map((entry) => {
		const item: INodeExecutionData = isExecutionData(entry) ? entry : { json: entry as IDataObject };
		return { ...item, pairedItem: { item: itemIndex } };
	});
}

/** Errors already shaped for n8n pass through; anything else is wrapped with the item it happened on. */
export function asNodeError(context: Pick<IExecuteFunctions, 'getNode'>, error: unknown, itemIndex?: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

/**
 * The router every action node's execute() delegates to: reads resource and operation per item, runs the
 * operation, pairs outputs with inputs, and honours "Continue On Fail" by turning an error into an item.
 */
export async function routeOperations(context: IExecuteFunctions, operations: OperationsByResource): Promise<INodeExecutionData[][]> {
	const items = context.getInputData();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const resource = context.getNodeParameter('resource', itemIndex) as string;
			const operationName = context.getNodeParameter('operation', itemIndex) as string;
			const operation = operations[resource]?.[operationName];
			if (!operation) throw new NodeOperationError(context.getNode(), `The operation "${operationName}" is not known for resource "${resource}"`, { itemIndex });
			output.push(...withPairing(await operation.execute.call(context, itemIndex), itemIndex));
		} catch (error) {
			if (context.continueOnFail()) {
				const description = (error as NodeApiError).description;
				output.push({ json: { error: (error as Error).message, ...(description ? { description } : {}) }, pairedItem: { item: itemIndex } });
				continue;
			}
			throw asNodeError(context, error, itemIndex);
		}
	}
	return [output];
}

/** Shows fields only for one resource and operation (kept with whatever display rules they already have). */
export function scopeToOperation(resource: string, operation: string, fields: INodeProperties[]): INodeProperties[] {
	return fields.map((property) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...(property.displayOptions?.show ?? {}), resource: [resource], operation: [operation] },
		},
	}));
}

/** Merges each operation's fields into the node's property list, shown only for that resource and operation. */
export function operationProperties(operations: OperationsByResource): INodeProperties[] {
	const properties: INodeProperties[] = [];
	for (const [resource, byName] of Object.entries(operations)) {
		for (const [operation, module] of Object.entries(byName)) properties.push(...scopeToOperation(resource, operation, module.description));
	}
	return properties;
}
