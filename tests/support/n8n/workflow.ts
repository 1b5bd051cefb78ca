import type { IConnections, IDataObject, INode, INodeParameters, IWorkflowBase } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { BINARY_FIXTURE_TYPE, MANUAL_TRIGGER_TYPE, PACKAGE_PREFIX, packageNodeTypes } from './nodeTypes';

/** A node of a test workflow; `type` may be our node's short name ("whatsAppBusiness"). */
export interface NodeSpec {
	name: string;
	type: string;
	parameters?: INodeParameters;
	id?: string;
	webhookId?: string;
	/** Credential types the node uses (each refers to the harness's test credential of that type). */
	credentials?: string[];
	/** n8n's "On Error" setting, e.g. 'continueRegularOutput' for Continue On Fail. */
	onError?: INode['onError'];
}

const HARNESS_TYPES: Record<string, string> = { manualTrigger: MANUAL_TRIGGER_TYPE, binaryFixture: BINARY_FIXTURE_TYPE };

/** Our nodes by short name ("whatsAppBusiness"), the harness's by theirs ("binaryFixture"), others as given. */
export function fullType(type: string): string {
	if (type.includes('.')) return type;
	return HARNESS_TYPES[type] ?? `${PACKAGE_PREFIX}.${type}`;
}

export function toNode(spec: NodeSpec, index: number): INode {
	return {
		id: spec.id ?? `node-${index}-${spec.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
		name: spec.name,
		type: fullType(spec.type),
		typeVersion: 1,
		position: [index * 200, 0],
		parameters: spec.parameters ?? {},
		...(spec.webhookId ? { webhookId: spec.webhookId } : {}),
		...(spec.onError ? { onError: spec.onError } : {}),
		...(spec.credentials ? { credentials: Object.fromEntries(spec.credentials.map((type) => [type, { id: `cred-${type}`, name: `Test ${type}` }])) } : {}),
	};
}

/** Connects the nodes one after the other, main output 0 to main input 0. */
export function chain(names: string[]): IConnections {
	const connections: IConnections = {};
	for (let index = 0; index < names.length - 1; index++) connections[names[index]] = { main: [[{ node: names[index + 1], type: 'main', index: 0 }]] };
	return connections;
}

export interface WorkflowSpec {
	id?: string;
	name?: string;
	nodes: NodeSpec[];
	/** Defaults to a chain in the given order. */
	connections?: IConnections;
	staticData?: IDataObject;
}

export function buildWorkflow(spec: WorkflowSpec): { workflow: Workflow; data: IWorkflowBase } {
	const nodes = spec.nodes.map(toNode);
	const connections = spec.connections ?? chain(spec.nodes.map((node) => node.name));
	const id = spec.id ?? 'wf-harness';
	const name = spec.name ?? 'Harness workflow';
	const workflow = new Workflow({ id, name, nodes, connections, active: false, nodeTypes: packageNodeTypes(), staticData: spec.staticData ?? {}, settings: { executionOrder: 'v1' } });
	const data: IWorkflowBase = { id, name, nodes, connections, active: false, activeVersionId: null, isArchived: false, createdAt: new Date(), updatedAt: new Date(), settings: { executionOrder: 'v1' } } as IWorkflowBase;
	return { workflow, data };
}

/** A Manual Trigger named "Start" that emits the given items (one empty item by default). */
export function manualStart(items: IDataObject[] = [{}]): NodeSpec {
	return { name: 'Start', type: MANUAL_TRIGGER_TYPE, parameters: { items: JSON.stringify(items) } };
}
