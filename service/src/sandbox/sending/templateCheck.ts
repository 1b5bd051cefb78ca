import { graphErrors } from '../graph/errors';
import { type TemplateButtonDef, type TemplateComponentDef, type TemplateRecord, type TemplateStore, templateVariables } from '../state/templateStore';
import type { TemplateSend, TemplateSendComponent } from '../validation/templateMessage';

/**
 * Matches a template send against the stored definition: the template must exist in that language and be
 * approved (132001, or 132015/132016 when paused/disabled), and each component must bring exactly the
 * parameters its text asks for (132000) in the right format (132012).
 */
export function checkTemplateSend(store: TemplateStore, wabaId: string, send: TemplateSend): TemplateRecord {
	const template = store.find(wabaId, send.name, send.language);
	if (!template) throw graphErrors.templateNotFound(send.name, send.language);
	if (template.status === 'PAUSED') throw graphErrors.templatePaused(send.name);
	if (template.status === 'DISABLED') throw graphErrors.templateDisabled(send.name);
	if (template.status !== 'APPROVED') throw graphErrors.templateNotFound(send.name, send.language);

	const sent = (type: TemplateSendComponent['type']) => send.components.filter((component) => component.type === type);
	checkHeader(definition(template, 'HEADER'), sent('header')[0]);
	checkBody(template, sent('body')[0]);
	checkButtons(definition(template, 'BUTTONS')?.buttons ?? [], sent('button'));
	return template;
}

function definition(template: TemplateRecord, type: TemplateComponentDef['type']): TemplateComponentDef | undefined {
	return template.components.find((component) => component.type === type);
}

function countMismatch(part: string, got: number, expected: number) {
	return graphErrors.templateParamCount(`${part}: number of localizable_params (${got}) does not match the expected number of params (${expected})`);
}

function checkHeader(header: TemplateComponentDef | undefined, sent: TemplateSendComponent | undefined): void {
	const got = sent?.parameters ?? [];
	if (!header || header.format === 'TEXT' || header.format === undefined) {
		const expected = templateVariables(header?.text).length;
		if (got.length !== expected) throw countMismatch('header', got.length, expected);
		const wrong = got.find((parameter) => parameter.type !== 'text');
		if (wrong) throw graphErrors.templateFormatMismatch(`header: Format mismatch, expected TEXT, received ${wrong.type.toUpperCase()}`);
		return;
	}
	const format = header.format.toUpperCase();
	if (got.length === 0) throw graphErrors.templateFormatMismatch(`header: Format mismatch, expected ${format}, received UNKNOWN`);
	if (got.length > 1) throw countMismatch('header', got.length, 1);
	if (got[0]!.type.toUpperCase() !== format) throw graphErrors.templateFormatMismatch(`header: Format mismatch, expected ${format}, received ${got[0]!.type.toUpperCase()}`);
}

function checkBody(template: TemplateRecord, sent: TemplateSendComponent | undefined): void {
	const body = definition(template, 'BODY');
	// Meta writes authentication bodies itself: "{{1}} is your verification code."
	const variables = template.category === 'AUTHENTICATION' ? ['1'] : templateVariables(body?.text);
	const parameters = sent?.parameters ?? [];
	if (parameters.length !== variables.length) throw countMismatch('body', parameters.length, variables.length);
	if (template.parameterFormat === 'NAMED') {
		for (const parameter of parameters) {
			if (parameter.parameterName === undefined || !variables.includes(parameter.parameterName)) {
				throw graphErrors.templateParamCount(`body: parameter_name (${parameter.parameterName ?? ''}) at ${parameter.path} is not a variable of template ${template.name}`);
			}
		}
	}
	if (body?.text) {
		let rendered = body.text;
		parameters.forEach((parameter, index) => {
			const variable = template.parameterFormat === 'NAMED' ? (parameter.parameterName ?? '') : variables[index]!;
			rendered = rendered.split(`{{${variable}}}`).join(parameter.text ?? '');
		});
		if (rendered.length > 1024) throw graphErrors.templateHydratedTooLong(`body: the message is ${rendered.length} characters long after substitution, more than 1024`);
	}
}

/** Which send `sub_type`s may address a defined button of each type. */
const SUB_TYPES_FOR_BUTTON: Record<string, readonly string[]> = {
	QUICK_REPLY: ['quick_reply'],
	URL: ['url'],
	OTP: ['url', 'copy_code'],
	FLOW: ['flow'],
	CATALOG: ['catalog'],
	MPM: ['mpm'],
	SPM: ['mpm'],
	COPY_CODE: ['copy_code'],
	VOICE_CALL: ['voice_call'],
	PHONE_NUMBER: [],
};

function checkButtons(defined: TemplateButtonDef[], sent: TemplateSendComponent[]): void {
	for (const component of sent) {
		const index = component.index ?? 0;
		const button = defined[index];
		if (!button) throw graphErrors.parameterValueInvalid(`buttons: the template has no button at index ${index}`);
		const allowed = SUB_TYPES_FOR_BUTTON[button.type] ?? [];
		if (!allowed.includes(component.subType ?? '')) {
			throw graphErrors.templateFormatMismatch(`button at index ${index}: the template button is ${button.type}, received sub_type ${component.subType ?? 'none'}`);
		}
		const expected = expectedButtonParameters(button);
		if (expected !== undefined && component.parameters.length !== expected) throw countMismatch(`button at index ${index}`, component.parameters.length, expected);
	}
	defined.forEach((button, index) => {
		const needs = expectedButtonParameters(button);
		if (button.type === 'URL' && needs === 1 && !sent.some((component) => (component.index ?? 0) === index)) {
			throw countMismatch(`button at index ${index}`, 0, 1);
		}
	});
}

/** Dynamic URL buttons and OTP buttons take exactly one parameter; quick replies may omit their payload. */
function expectedButtonParameters(button: TemplateButtonDef): number | undefined {
	if (button.type === 'URL') return templateVariables(button.url).length;
	if (button.type === 'OTP') return 1;
	return undefined;
}
