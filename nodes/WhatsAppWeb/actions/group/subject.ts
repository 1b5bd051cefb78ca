import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** WhatsApp's limit on a group's name. */
const SUBJECT_MAX = 100;

export function subjectOf(context: IExecuteFunctions, itemIndex: number): string {
	const subject = String(context.getNodeParameter('subject', itemIndex, '') ?? '').trim();
	if (subject.length === 0 || subject.length > SUBJECT_MAX) throw new NodeOperationError(context.getNode(), `Subject: a group's name has 1 to ${SUBJECT_MAX} characters (got ${subject.length})`, { itemIndex });
	return subject;
}
