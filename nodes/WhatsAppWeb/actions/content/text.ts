import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { MessageContent } from '../../../shared/transport/api/messages';
import { shownWhen, type ShowWhen } from './showWhen';

export function textFields(when?: ShowWhen): INodeProperties[] {
	return shownWhen(
		[
			{ displayName: 'Text', name: 'text', type: 'string', typeOptions: { rows: 4 }, default: '', required: true, description: 'WhatsApp formatting works: *bold*, _italic_, ~strike~, ```mono```' },
			{ displayName: 'Link Preview', name: 'linkPreview', type: 'boolean', default: true, description: 'Whether to show a preview of the first link in the text' },
		],
		when,
	);
}

export function buildText(context: IExecuteFunctions, itemIndex: number): MessageContent {
	return { type: 'text', text: { body: context.getNodeParameter('text', itemIndex) as string, previewUrl: context.getNodeParameter('linkPreview', itemIndex, true) as boolean } };
}
