import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { createWebChannel } from '../../../shared/transport/api/webChannels';
import { accountSessionField, resolvedSessionNameOf } from '../common/session';

export const description: INodeProperties[] = [
	accountSessionField,
	{ displayName: 'Name', name: 'name', type: 'string', default: '', required: true, placeholder: 'Store news', description: 'The channel name followers see (up to 100 characters)' },
	{ displayName: 'Description', name: 'description', type: 'string', typeOptions: { rows: 3 }, default: '', description: 'What the channel is about (optional)' },
];

/** The new channel, owned by the session's account; post to it with Message › Send to its ID. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const name = String(this.getNodeParameter('name', itemIndex, '') ?? '').trim();
	if (!name) throw new NodeOperationError(this.getNode(), 'Name: give the channel a name', { itemIndex });
	if (name.length > 100) throw new NodeOperationError(this.getNode(), `Name: ${name.length} characters, WhatsApp allows 100`, { itemIndex });
	const description = String(this.getNodeParameter('description', itemIndex, '') ?? '').trim();
	const session = await resolvedSessionNameOf(this, itemIndex);
	return { session, ...(await createWebChannel(this, session, { name, ...(description ? { description } : {}) }, itemIndex)) };
}
