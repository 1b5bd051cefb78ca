import type { INodeProperties } from 'n8n-workflow';

/** Conditions under which content fields show (e.g. only for Reply › "Reply With: Text"); none shows them always. */
export type ShowWhen = Record<string, Array<string | boolean>> | undefined;

/** Adds the content's condition to each field's own display rules. */
export function shownWhen(fields: INodeProperties[], when: ShowWhen): INodeProperties[] {
	if (!when) return fields;
	return fields.map((field) => ({ ...field, displayOptions: { ...field.displayOptions, show: { ...(field.displayOptions?.show ?? {}), ...when } } }));
}
