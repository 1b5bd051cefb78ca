import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { DEFAULT_SENDER } from '../actions/common/sender';
import { listCloudNumbers } from '../../shared/transport/api/cloudNumbers';
import { listAllTemplates } from '../../shared/transport/api/templates';
import { AUTO_LANGUAGE } from '../helpers/resolveTemplate';
import { currentParameterValue } from '../../shared/methods/currentValue';
import { currentSender } from './currentSender';

/** Depends on the credential only, so it also loads in the node's AI-tool form. */
export async function getPhoneNumbers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const numbers = await listCloudNumbers(this);
	const fallback = numbers.find((number) => number.isDefault) ?? (numbers.length === 1 ? numbers[0] : undefined);
	return [
		{ name: fallback ? `Default (${fallback.displayPhoneNumber ?? fallback.phoneNumberId})` : 'Default', value: DEFAULT_SENDER, description: "The tenant's default number" },
		...numbers.map((number) => ({
			name: [number.displayPhoneNumber ?? number.phoneNumberId, number.verifiedName].filter(Boolean).join(' · '),
			value: number.phoneNumberId,
			description: `Phone number ID ${number.phoneNumberId}, WhatsApp Business Account ${number.wabaId}`,
		})),
	];
}

/** The approved languages of the chosen template; "Automatic" works whenever the template has just one. */
export async function getTemplateLanguages(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const automatic = { name: 'Automatic (the Template’s Only Language)', value: AUTO_LANGUAGE };
	const name = currentParameterValue(this, 'template');
	if (!name) return [automatic];
	const templates = await listAllTemplates(this, { from: currentSender(this), name, status: 'APPROVED' }, 250);
	const languages = [...new Set(templates.filter((template) => template.name === name).map((template) => template.language))].sort();
	return [automatic, ...languages.map((language) => ({ name: language, value: language }))];
}
