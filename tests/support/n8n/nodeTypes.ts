import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription, INodeTypes, IVersionedNodeType } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { WhatsAppBusiness } from '../../../nodes/WhatsAppBusiness/WhatsAppBusiness.node';
import { WhatsAppBusinessTrigger } from '../../../nodes/WhatsAppBusinessTrigger/WhatsAppBusinessTrigger.node';

/** The prefix n8n gives the nodes of an installed community package: `<package name>.<description.name>`. */
export const PACKAGE_PREFIX = 'n8n-nodes-whatsapp-multitenant';

export const MANUAL_TRIGGER_TYPE = 'harness.manualTrigger';

/** Starts a workflow by hand, like n8n's Manual Trigger: it emits the items it was given, or one empty item. */
export class HarnessManualTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Manual Trigger (harness)',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Starts a test workflow',
		defaults: { name: 'Start' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[{}]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0, '[{}]') as string | IDataObject[];
		const items = (typeof raw === 'string' ? JSON.parse(raw) : raw) as IDataObject[];
		return [items.map((json, index) => ({ json, pairedItem: { item: index } }))];
	}
}

/** Our package's nodes under their installed type names, plus the harness's own start node. */
export function packageNodeTypes(extra: Record<string, INodeType> = {}): INodeTypes {
	const byType: Record<string, INodeType> = {
		[MANUAL_TRIGGER_TYPE]: new HarnessManualTrigger(),
		[`${PACKAGE_PREFIX}.whatsAppBusiness`]: new WhatsAppBusiness(),
		[`${PACKAGE_PREFIX}.whatsAppBusinessTrigger`]: new WhatsAppBusinessTrigger(),
		...extra,
	};
	const lookup = (type: string) => {
		const nodeType = byType[type];
		if (!nodeType) throw new Error(`Unknown node type ${type} (known: ${Object.keys(byType).join(', ')})`);
		return nodeType;
	};
	return {
		getByName: (type: string): INodeType | IVersionedNodeType => lookup(type),
		getByNameAndVersion: (type: string): INodeType => lookup(type),
		getKnownTypes: () => Object.fromEntries(Object.keys(byType).map((type) => [type, { className: type, sourcePath: '' }])),
	};
}
