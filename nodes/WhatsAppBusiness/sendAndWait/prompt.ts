import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { MessageContent } from '../../shared/transport/api/messages';
import { checkButtons, checkRows, INTERACTIVE_LIMITS, listMessage, replyButtonsMessage, type InteractiveFrame } from '../helpers/interactive';
import { choiceId, newNonce, type ReplySpec } from './replySpec';

export interface Prompt {
	message: MessageContent;
	spec: ReplySpec;
	/** Inbound message types that can be an answer; anything else (a reaction, a sticker) does not end the wait. */
	answerTypes: string[];
}

function fail(context: IExecuteFunctions, problems: string[]): never {
	throw new NodeOperationError(context.getNode(), problems[0], { itemIndex: 0, description: problems.slice(1).join('\n') || undefined });
}

/** The question as WhatsApp shows it (buttons, a list, or plain text) and what its answers will look like. */
export function buildPrompt(context: IExecuteFunctions, nonce = newNonce()): Prompt {
	const body = context.getNodeParameter('message', 0) as string;
	const responseType = context.getNodeParameter('responseType', 0) as string;
	const options = context.getNodeParameter('waitOptions', 0, {}) as IDataObject;
	const header = String(options.header ?? '').trim();
	const footer = String(options.footer ?? '').trim();
	const frame: InteractiveFrame = { body, ...(header ? { header: { type: 'text', text: header } } : {}), ...(footer ? { footer } : {}) };
	const answerTypes = ['text', 'button', 'interactive'];

	if (responseType === 'freeText') {
		return { message: { type: 'text', text: { body } }, spec: { nonce, kind: 'freeText', choices: [] }, answerTypes: ['text'] };
	}
	if (responseType === 'approval') {
		const approval = context.getNodeParameter('approvalOptions', 0, {}) as IDataObject;
		const choices: Array<[string, string]> = [['approve', String(approval.approveLabel ?? '').trim() || 'Approve']];
		if ((approval.approvalType ?? 'double') === 'double') choices.push(['decline', String(approval.disapproveLabel ?? '').trim() || 'Decline']);
		const buttons = choices.map(([suffix, title]) => ({ id: choiceId(nonce, suffix), title }));
		const problems = checkButtons(buttons);
		if (problems.length > 0) fail(context, problems);
		return { message: { type: 'interactive', interactive: replyButtonsMessage(frame, buttons) }, spec: { nonce, kind: 'approval', choices }, answerTypes };
	}
	if (responseType === 'choice') {
		const rows = (((context.getNodeParameter('choices', 0, {}) as IDataObject).choice as IDataObject[] | undefined) ?? []).map((row) => ({ label: String(row.label ?? '').trim(), description: String(row.description ?? '').trim() }));
		const choices: Array<[string, string]> = rows.map((row, index) => [String(index), row.label]);
		const fitsButtons = rows.length <= INTERACTIVE_LIMITS.buttons && rows.every((row) => !row.description && [...row.label].length <= INTERACTIVE_LIMITS.buttonTitle);
		if (fitsButtons && options.useList !== true) {
			const buttons = rows.map((row, index) => ({ id: choiceId(nonce, String(index)), title: row.label }));
			const problems = checkButtons(buttons);
			if (problems.length > 0) fail(context, problems);
			return { message: { type: 'interactive', interactive: replyButtonsMessage(frame, buttons) }, spec: { nonce, kind: 'choice', choices }, answerTypes };
		}
		const buttonText = String(options.listButtonText ?? '').trim() || 'Choose';
		const listRows = rows.map((row, index) => ({ id: choiceId(nonce, String(index)), title: row.label, ...(row.description ? { description: row.description } : {}) }));
		const problems = checkRows(buttonText, listRows);
		if (problems.length > 0) fail(context, problems);
		return { message: { type: 'interactive', interactive: listMessage(frame, buttonText, listRows) }, spec: { nonce, kind: 'choice', choices }, answerTypes };
	}
	throw new NodeOperationError(context.getNode(), `Unknown response type "${responseType}"`, { itemIndex: 0 });
}
