import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, WAIT_INDEFINITELY } from 'n8n-workflow';

/**
 * n8n's own wake-up comes this long after the service's expiry: normally the service's "timed out" delivery
 * resumes the execution first; n8n's timer only matters if the service could not deliver it.
 */
export const FALLBACK_GRACE_MS = 5 * 60 * 1000;

const UNIT_MS: Record<string, number> = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 };

export interface WaitWindow {
	/** When the service gives up waiting for the reply; undefined waits until one comes. */
	expiresAt?: Date;
	/** What to hand to putExecutionToWait. */
	waitTill: Date;
}

export function waitWindow(context: IExecuteFunctions, now = Date.now()): WaitWindow {
	const limit = context.getNodeParameter('waitOptions.limitWaitTime.values', 0, {}) as IDataObject;
	if (!limit || Object.keys(limit).length === 0) return { waitTill: WAIT_INDEFINITELY };
	let expiresAt: Date;
	if (limit.limitType === 'atSpecifiedTime') {
		expiresAt = new Date(String(limit.maxDateAndTime ?? ''));
	} else {
		const amount = Number(limit.resumeAmount ?? 0);
		const unit = UNIT_MS[String(limit.resumeUnit ?? 'hours')] ?? UNIT_MS.hours;
		expiresAt = new Date(now + amount * unit);
	}
	if (Number.isNaN(expiresAt.getTime())) throw new NodeOperationError(context.getNode(), 'The wait limit is not a valid date', { itemIndex: 0 });
	if (expiresAt.getTime() <= now) throw new NodeOperationError(context.getNode(), 'The wait limit is already past', { itemIndex: 0, description: 'Choose a time in the future, or a positive amount.' });
	return { expiresAt, waitTill: new Date(expiresAt.getTime() + FALLBACK_GRACE_MS) };
}
