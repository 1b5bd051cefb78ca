import type { ILoadOptionsFunctions, ResourceMapperFields } from 'n8n-workflow';
import { AUTO_LANGUAGE, resolveTemplate } from '../helpers/resolveTemplate';
import { parameterLabel, templateParameters } from '../helpers/templateParameters';
import { currentParameterValue } from '../../shared/methods/currentValue';
import { currentSender } from './currentSender';

/** One mapper field per value the chosen template needs, read from its definition (named or positional). */
export async function getTemplateParameters(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const name = currentParameterValue(this, 'template');
	if (!name) return { fields: [], emptyFieldsNotice: 'Choose a template first' };
	const template = await resolveTemplate(this, { from: currentSender(this), name, language: currentParameterValue(this, 'language') ?? AUTO_LANGUAGE });
	const parameters = templateParameters(template.components);
	return {
		fields: parameters.map((parameter) => ({
			id: parameter.key,
			displayName: parameterLabel(parameter, template.components),
			required: parameter.required,
			defaultMatch: false,
			display: true,
			type: 'string',
			canBeUsedToMatch: false,
		})),
		emptyFieldsNotice: `Template "${template.name}" (${template.language}) takes no parameters`,
	};
}
