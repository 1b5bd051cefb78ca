import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription, INodeTypes, IVersionedNodeType } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { WhatsAppBusiness } from '../../../nodes/WhatsAppBusiness/WhatsAppBusiness.node';
import { WhatsAppBusinessTrigger } from '../../../nodes/WhatsAppBusinessTrigger/WhatsAppBusinessTrigger.node';
import { WhatsAppTenantAdmin } from '../../../nodes/WhatsAppTenantAdmin/WhatsAppTenantAdmin.node';
import { WhatsAppWeb } from '../../../nodes/WhatsAppWeb/WhatsAppWeb.node';
import { WhatsAppWebTrigger } from '../../../nodes/WhatsAppWebTrigger/WhatsAppWebTrigger.node';

/** The prefix n8n gives the nodes of an installed community package: `<package name>.<description.name>`. */
export const PACKAGE_PREFIX = 'n8n-nodes-whatsapp-multitenant';

export const MANUAL_TRIGGER_TYPE = 'harness.manualTrigger';
export const BINARY_FIXTURE_TYPE = 'harness.binaryFixture';

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

/** Adds a file to every item (like Read File or Convert to File would): parameters property, fileName, mimeType, text or base64. */
export class HarnessBinaryFixture implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Binary Fixture (harness)',
		name: 'binaryFixture',
		group: ['transform'],
		version: 1,
		description: 'Puts a file into each item',
		defaults: { name: 'File' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{ displayName: 'Property', name: 'property', type: 'string', default: 'data' },
			{ displayName: 'File Name', name: 'fileName', type: 'string', default: 'file.bin' },
			{ displayName: 'MIME Type', name: 'mimeType', type: 'string', default: 'application/octet-stream' },
			{ displayName: 'Text', name: 'text', type: 'string', default: '' },
			{ displayName: 'Base64', name: 'base64', type: 'string', default: '' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const output: INodeExecutionData[] = [];
		for (let index = 0; index < items.length; index++) {
			const base64 = this.getNodeParameter('base64', index) as string;
			const content = base64 ? Buffer.from(base64, 'base64') : Buffer.from(this.getNodeParameter('text', index) as string, 'utf8');
			const binary = await this.helpers.prepareBinaryData(content, this.getNodeParameter('fileName', index) as string, this.getNodeParameter('mimeType', index) as string);
			output.push({ json: items[index].json, binary: { ...(items[index].binary ?? {}), [this.getNodeParameter('property', index) as string]: binary }, pairedItem: { item: index } });
		}
		return [output];
	}
}

/** Our package's nodes under their installed type names, plus the harness's own start and file nodes. */
export function packageNodeTypes(extra: Record<string, INodeType> = {}): INodeTypes {
	const byType: Record<string, INodeType> = {
		[MANUAL_TRIGGER_TYPE]: new HarnessManualTrigger(),
		[BINARY_FIXTURE_TYPE]: new HarnessBinaryFixture(),
		[`${PACKAGE_PREFIX}.whatsAppBusiness`]: new WhatsAppBusiness(),
		[`${PACKAGE_PREFIX}.whatsAppBusinessTrigger`]: new WhatsAppBusinessTrigger(),
		[`${PACKAGE_PREFIX}.whatsAppTenantAdmin`]: new WhatsAppTenantAdmin(),
		[`${PACKAGE_PREFIX}.whatsAppWeb`]: new WhatsAppWeb(),
		[`${PACKAGE_PREFIX}.whatsAppWebTrigger`]: new WhatsAppWebTrigger(),
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
