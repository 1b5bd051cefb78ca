import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { getWebChatLabels, listWebLabels, setWebChatLabels, type WebLabel } from '../../../shared/transport/api/webChats';
import { chatField, chatIdOf } from '../common/chat';
import { accountSessionField, resolvedSessionNameOf } from '../common/session';
import { listedValues } from '../../../shared/listInput';

export const description: INodeProperties[] = [
	accountSessionField,
	chatField,
	{
		displayName: 'Mode',
		name: 'labelMode',
		type: 'options',
		options: [
			{ name: 'Add', value: 'add', description: 'Keep the chat\'s labels and add these' },
			{ name: 'Remove', value: 'remove', description: 'Take these off the chat' },
			{ name: 'Replace', value: 'replace', description: 'The chat carries exactly these (none: all removed)' },
		],
		default: 'add',
	},
	{ displayName: 'Labels', name: 'labels', type: 'string', default: '', placeholder: 'New order, Paid', description: 'Label names or IDs, separated by commas' },
];

/** Names are matched without regard to case; one the account does not have fails naming it, before anything changes. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const chatId = chatIdOf(this, itemIndex);
	const mode = this.getNodeParameter('labelMode', itemIndex, 'add') as 'add' | 'remove' | 'replace';
	const wanted = listedValues(this.getNodeParameter('labels', itemIndex, ''));
	if (wanted.length === 0 && mode !== 'replace') throw new NodeOperationError(this.getNode(), 'Labels: give at least one label name or ID', { itemIndex });
	const session = await resolvedSessionNameOf(this, itemIndex);
	const known = await listWebLabels(this, session, itemIndex);
	const ids = wanted.map((entry) => {
		const label = known.find((candidate: WebLabel) => candidate.id === entry || candidate.name.toLowerCase() === entry.toLowerCase());
		if (!label) throw new NodeOperationError(this.getNode(), `Labels: the account has no label "${entry}"`, { itemIndex, description: `Its labels: ${known.map((candidate) => candidate.name).join(', ') || 'none'}.` });
		return label.id;
	});
	const current = mode === 'replace' ? [] : (await getWebChatLabels(this, session, chatId, itemIndex)).map((label) => label.id);
	const next = mode === 'remove' ? current.filter((id) => !ids.includes(id)) : [...new Set([...current, ...ids])];
	return { session, chatId, labels: await setWebChatLabels(this, session, chatId, next, itemIndex) };
}
