import type { IDataObject } from 'n8n-workflow';

/** Meta's limits, checked here so a mistake is reported on the field instead of as Meta's error after the call. */
export const INTERACTIVE_LIMITS = {
	buttons: 3,
	buttonTitle: 20,
	listButton: 20,
	sections: 10,
	rowsTotal: 10,
	rowTitle: 24,
	rowDescription: 72,
	sectionTitle: 24,
} as const;

export interface ReplyButton {
	id: string;
	title: string;
}

export interface ListRow {
	id: string;
	title: string;
	description?: string;
	/** Rows with the same section title are grouped, in the order they first appear. */
	section?: string;
}

export interface InteractiveFrame {
	body: string;
	header?: IDataObject;
	footer?: string;
}

function frame(type: string, parts: InteractiveFrame, action: IDataObject): IDataObject {
	return {
		type,
		...(parts.header ? { header: parts.header } : {}),
		body: { text: parts.body },
		...(parts.footer ? { footer: { text: parts.footer } } : {}),
		action,
	};
}

export function replyButtonsMessage(parts: InteractiveFrame, buttons: ReplyButton[]): IDataObject {
	return frame('button', parts, { buttons: buttons.map((button) => ({ type: 'reply', reply: { id: button.id, title: button.title } })) });
}

export function listMessage(parts: InteractiveFrame, buttonText: string, rows: ListRow[]): IDataObject {
	const sections: Array<{ title?: string; rows: IDataObject[] }> = [];
	for (const row of rows) {
		const title = row.section?.trim() || undefined;
		let section = sections.find((candidate) => candidate.title === title);
		if (!section) {
			section = { ...(title ? { title } : {}), rows: [] };
			sections.push(section);
		}
		section.rows.push({ id: row.id, title: row.title, ...(row.description ? { description: row.description } : {}) });
	}
	// Meta asks for a title on every section once there is more than one.
	if (sections.length > 1) sections.forEach((section, index) => (section.title ??= `Options ${index + 1}`));
	return frame('list', parts, { button: buttonText, sections });
}

export function ctaUrlMessage(parts: InteractiveFrame, displayText: string, url: string): IDataObject {
	return frame('cta_url', parts, { name: 'cta_url', parameters: { display_text: displayText, url } });
}

export interface FlowSettings {
	flowId?: string;
	flowName?: string;
	cta: string;
	token?: string;
	action: 'navigate' | 'data_exchange';
	screen?: string;
	data?: IDataObject;
	draft?: boolean;
}

export function flowMessage(parts: InteractiveFrame, flow: FlowSettings): IDataObject {
	const payload: IDataObject = {};
	if (flow.screen) payload.screen = flow.screen;
	if (flow.data && Object.keys(flow.data).length > 0) payload.data = flow.data;
	return frame('flow', parts, {
		name: 'flow',
		parameters: {
			flow_message_version: '3',
			...(flow.flowId ? { flow_id: flow.flowId } : { flow_name: flow.flowName }),
			flow_cta: flow.cta,
			...(flow.token ? { flow_token: flow.token } : {}),
			...(flow.draft ? { mode: 'draft' } : {}),
			flow_action: flow.action,
			...(Object.keys(payload).length > 0 ? { flow_action_payload: payload } : {}),
		},
	});
}

/** Problems with buttons or rows, each naming what to fix; empty when WhatsApp will accept them. */
export function checkButtons(buttons: ReplyButton[]): string[] {
	const problems: string[] = [];
	if (buttons.length === 0) problems.push('Add at least one button');
	if (buttons.length > INTERACTIVE_LIMITS.buttons) problems.push(`WhatsApp allows at most ${INTERACTIVE_LIMITS.buttons} reply buttons; use a list for more options`);
	for (const button of buttons) {
		if (!button.title) problems.push('Every button needs a title');
		else if ([...button.title].length > INTERACTIVE_LIMITS.buttonTitle) problems.push(`Button title "${button.title}" is longer than ${INTERACTIVE_LIMITS.buttonTitle} characters`);
	}
	const ids = buttons.map((button) => button.id);
	if (new Set(ids).size !== ids.length) problems.push('Button IDs must be unique');
	return problems;
}

export function checkRows(buttonText: string, rows: ListRow[]): string[] {
	const problems: string[] = [];
	if (!buttonText) problems.push('The list needs a button text');
	else if ([...buttonText].length > INTERACTIVE_LIMITS.listButton) problems.push(`The list button text is longer than ${INTERACTIVE_LIMITS.listButton} characters`);
	if (rows.length === 0) problems.push('Add at least one row');
	if (rows.length > INTERACTIVE_LIMITS.rowsTotal) problems.push(`WhatsApp allows at most ${INTERACTIVE_LIMITS.rowsTotal} rows in a list`);
	for (const row of rows) {
		if (!row.title) problems.push('Every row needs a title');
		else if ([...row.title].length > INTERACTIVE_LIMITS.rowTitle) problems.push(`Row title "${row.title}" is longer than ${INTERACTIVE_LIMITS.rowTitle} characters`);
		if (row.description && [...row.description].length > INTERACTIVE_LIMITS.rowDescription) problems.push(`The description of row "${row.title}" is longer than ${INTERACTIVE_LIMITS.rowDescription} characters`);
	}
	const ids = rows.map((row) => row.id);
	if (new Set(ids).size !== ids.length) problems.push('Row IDs must be unique');
	return problems;
}
