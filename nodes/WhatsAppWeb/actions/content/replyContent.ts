import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { MessageContent } from '../../../shared/transport/api/messages';
import { buildContact, contactFields } from './contact';
import { buildLocation, locationFields } from './location';
import { buildMedia, mediaFields } from './media';
import { buildPoll, pollFields } from './poll';
import { buildText, textFields } from './text';

type Builder = (context: IExecuteFunctions, itemIndex: number) => MessageContent | Promise<MessageContent>;

/** Every kind of content a WhatsApp Web message can carry, by the value of a "… With" picker. */
const KINDS: Record<string, { name: string; fields: (when: Record<string, string[]>) => INodeProperties[]; build: Builder }> = {
	text: { name: 'Text', fields: textFields, build: buildText },
	media: { name: 'Media', fields: mediaFields, build: buildMedia },
	location: { name: 'Location', fields: locationFields, build: buildLocation },
	contact: { name: 'Contact Card', fields: contactFields, build: buildContact },
	poll: { name: 'Poll', fields: pollFields, build: buildPoll },
};

/** A picker of the content kind, followed by the fields of each kind shown only when it is picked. */
export function contentKindFields(parameter: string, displayName: string): INodeProperties[] {
	return [
		{ displayName, name: parameter, type: 'options', noDataExpression: true, options: Object.entries(KINDS).map(([value, kind]) => ({ name: kind.name, value })), default: 'text' },
		...Object.entries(KINDS).flatMap(([value, kind]) => kind.fields({ [parameter]: [value] })),
	];
}

export async function buildContentOfKind(context: IExecuteFunctions, itemIndex: number, parameter: string): Promise<MessageContent> {
	const kind = context.getNodeParameter(parameter, itemIndex) as string;
	const entry = KINDS[kind];
	if (!entry) throw new NodeOperationError(context.getNode(), `Unknown content "${kind}"`, { itemIndex });
	return entry.build(context, itemIndex);
}
