import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { listWebSessions } from '../../../shared/transport/api/webSessions';

export const SESSION_NAME_PATTERN = '^[A-Za-z0-9_-]{1,64}$';

/** The session an operation manages (session operations need one by name). */
export const sessionField: INodeProperties = {
	displayName: 'Session',
	name: 'session',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	modes: [
		{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchSessions', searchable: true } },
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			placeholder: 'sales-phone',
			validation: [{ type: 'regex', properties: { regex: SESSION_NAME_PATTERN, errorMessage: 'Session names have 1 to 64 letters, digits, _ or -' } }],
		},
	],
	description: 'The WhatsApp Web session (a linked phone)',
};

/** The session to send or read with; empty means the tenant's default session (or its only one). */
export const accountSessionField: INodeProperties = {
	...sessionField,
	required: false,
	description: "The WhatsApp Web session (a linked phone) to use. Leave empty for the tenant's default session, or its only one.",
};

function sessionValue(context: IExecuteFunctions, itemIndex: number): string {
	return String(context.getNodeParameter('session', itemIndex, '', { extractValue: true }) ?? '').trim();
}

function checkedName(context: IExecuteFunctions, itemIndex: number, name: string): string {
	if (!new RegExp(SESSION_NAME_PATTERN).test(name)) {
		throw new NodeOperationError(context.getNode(), `Session: "${name}" is not a session name`, { itemIndex, description: 'Session names have 1 to 64 letters, digits, _ or -.' });
	}
	return name;
}

/** The named session; an empty or malformed name fails here, naming the field. */
export function sessionNameOf(context: IExecuteFunctions, itemIndex: number): string {
	const name = sessionValue(context, itemIndex);
	if (name === '') throw new NodeOperationError(context.getNode(), 'Session: choose a session', { itemIndex });
	return checkedName(context, itemIndex, name);
}

/** The chosen session, or undefined to let the service pick the tenant's default (sends do). */
export function optionalSessionNameOf(context: IExecuteFunctions, itemIndex: number): string | undefined {
	const name = sessionValue(context, itemIndex);
	return name === '' ? undefined : checkedName(context, itemIndex, name);
}

/**
 * The chosen session, or the tenant's default one for routes that name the session in their path: the same
 * choice the service makes for sends (the default, else the only session).
 */
export async function resolvedSessionNameOf(context: IExecuteFunctions, itemIndex: number): Promise<string> {
	const chosen = optionalSessionNameOf(context, itemIndex);
	if (chosen) return chosen;
	const sessions = await listWebSessions(context, itemIndex);
	const fallback = sessions.find((session) => session.isDefault) ?? (sessions.length === 1 ? sessions[0] : undefined);
	if (fallback) return fallback.name;
	throw new NodeOperationError(context.getNode(), sessions.length === 0 ? 'Session: this tenant has no WhatsApp Web session yet' : `Session: choose one of the ${sessions.length} sessions (none is the default)`, {
		itemIndex,
		description: sessions.length === 0 ? 'Create one with Session › Create, then link a phone by its QR code or pairing code.' : 'Pick a session, or mark one as the default (Session › Update).',
	});
}
