import { createHash } from 'crypto';
import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * The Idempotency-Key of one send: the same workflow, execution, node, run and item always give the same key, so
 * n8n's "Retry On Fail" (and any repeat of the same call) is answered from the first send instead of sending twice.
 * A new execution (or a loop's next run) gets a new key. Hashed to keep it short and free of ids' characters.
 */
export function idempotencyKeyFor(context: IExecuteFunctions, itemIndex: number, custom?: string): string | undefined {
	// A custom key (an order id, say) dedupes across executions, but only within this node: two nodes sending
	// different messages about the same order must not swallow each other.
	if (custom) return `custom:${createHash('sha256').update([context.getWorkflow().id ?? '', context.getNode().id, custom].join('\u0000')).digest('base64url')}`;
	const executionId = context.getExecutionId();
	if (!executionId) return undefined;
	const proxy = context.getWorkflowDataProxy(itemIndex) as { $runIndex?: number };
	const parts = [context.getWorkflow().id ?? '', executionId, context.getNode().id, String(proxy.$runIndex ?? 0), String(itemIndex)];
	return `n8n:${createHash('sha256').update(parts.join('\u0000')).digest('base64url')}`;
}
