import type { ILoadOptionsFunctions } from 'n8n-workflow';
import { currentParameterValue } from '../../shared/methods/currentValue';
import { DEFAULT_SENDER } from '../actions/common/sender';

/** The chosen sender number while editing, or undefined for the tenant's default (also in the AI-tool form). */
export function currentSender(context: ILoadOptionsFunctions): string | undefined {
	const from = currentParameterValue(context, 'from');
	return from === DEFAULT_SENDER ? undefined : from;
}
