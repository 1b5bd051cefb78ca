import { NodeApiError } from 'n8n-workflow';

/** A service field path (body.to, body.image.link, …) and the label a node shows for that field. */
export type FieldLabels = ReadonlyArray<readonly [RegExp, string]>;

const FIELD_PATH = /\bbody(?:\.[A-Za-z0-9_]+)+/g;

function labelled(text: string, labels: FieldLabels): string {
	return text.replace(FIELD_PATH, (path) => {
		const label = labels.find(([pattern]) => pattern.test(path))?.[1];
		return label ? `${label} (${path})` : path;
	});
}

/**
 * The service names request fields by their path in its body; a node's users know them by the node's labels. Puts
 * the label beside each path in a NodeApiError's message and description; other errors pass through unchanged.
 */
export function withFieldLabels(error: unknown, labels: FieldLabels): unknown {
	if (!(error instanceof NodeApiError)) return error;
	error.message = labelled(error.message, labels);
	if (typeof error.description === 'string') error.description = labelled(error.description, labels);
	return error;
}
