import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { replayDeadLetter } from '../../../shared/transport/api/deliveries';
import { prefixedIdOf } from './prefixedId';

export const description: INodeProperties[] = [
	{ displayName: 'Dead Letter ID', name: 'deadLetterId', type: 'string', default: '', required: true, placeholder: 'dlq_01j…', description: 'The ID of a dead letter (Webhook & Delivery › Get Many Dead Letters)' },
];

/** Delivers the event again with its original id, so a trigger that already ran it skips it. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const deadLetterId = prefixedIdOf(this, itemIndex, { parameter: 'deadLetterId', label: 'Dead Letter ID', prefix: 'dlq' });
	return { id: deadLetterId, ...(await replayDeadLetter(this, deadLetterId, itemIndex)) };
}
