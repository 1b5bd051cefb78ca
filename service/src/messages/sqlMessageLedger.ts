import type { Kysely } from 'kysely';
import type { TenantScope } from '../auth/tenantScope';
import type { AccountRef, OutboundMessage, ProviderError } from '../channels/messages';
import type { EventOutbox } from '../events/outbox';
import { transactionWithRetry } from '../events/sql';
import type { ServiceMetrics } from '../events/metrics';
import { conflict, notFound } from '../shared/errors';
import { newId } from '../shared/ids';
import type { Dialect, Executor } from '../storage/database';
import type { Database } from '../storage/schema';
import { GroupCommitter } from './groupCommit';
import { InboundWriter } from './inboundWriter';
import type { InboundItem, InboundOutcome, ItemOutcome, MessageLedger, StoredMessage } from './ledger';
import { OutboundWriter, type Dispatch, type OutboundOp } from './outboundWriter';
import { toStoredMessage } from './storedMessage';

/**
 * The MessageLedger over the history tables and the outbox. Every method commits its rows and the events they
 * cause in one transaction. Inbound items from all callers go through one group committer, so a burst of Web
 * events or webhooks shares fsyncs; sends' records (pending, then the outcome) go through another.
 */
export class SqlMessageLedger implements MessageLedger {
	readonly writer: InboundWriter;
	private readonly committer: GroupCommitter<readonly InboundItem[], ItemOutcome[]>;
	private readonly outbound: GroupCommitter<OutboundOp, StoredMessage>;

	constructor(
		private readonly db: Kysely<Database>,
		dialect: Dialect,
		private readonly outbox: EventOutbox,
		private readonly metrics: ServiceMetrics,
		maxBatchItems: number,
	) {
		this.writer = new InboundWriter(dialect, outbox);
		this.committer = new GroupCommitter(async (units) => {
			const all = units.flat();
			const { outcomes, handoffs } = await this.transaction((tx) => this.writer.write(tx, all));
			this.outbox.committed(await handoffs.ready());
			let offset = 0;
			return units.map((unit) => {
				const own = outcomes.slice(offset, offset + unit.length);
				offset += unit.length;
				return own;
			});
		}, maxBatchItems, dialect === 'mysql' ? 4 : 1, (unit) => unit.some((item) => item.kind === 'event' && item.amends !== undefined));
		const outboundWriter = new OutboundWriter(dialect, outbox);
		// Sends group-commit too: a pending record and an outcome are one fsync per batch, not one per request each.
		this.outbound = new GroupCommitter(async (ops) => {
			const { stored, handoffs } = await this.transaction((tx) => outboundWriter.write(tx, ops));
			this.outbox.committed(await handoffs.ready());
			return stored;
		}, maxBatchItems, dialect === 'mysql' ? 4 : 1);
	}

	async recordInbound(items: readonly InboundItem[]): Promise<InboundOutcome> {
		if (items.length === 0) return { accepted: 0, duplicates: 0 };
		const outcomes = await this.committer.submit(items);
		items.forEach((item, index) => this.metrics.inboundItems.inc({ kind: item.kind, result: outcomes[index] as string }));
		const accepted = outcomes.filter((o) => o === 'accepted').length;
		return { accepted, duplicates: outcomes.length - accepted };
	}

	/** Runs work in a transaction, again if MySQL reports a deadlock between replicas (nothing was committed then). */
	transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
		return transactionWithRetry(this.db, work);
	}

	async recordOutboundPending(scope: TenantScope, input: { account: AccountRef; message: OutboundMessage; idempotencyKey?: string }): Promise<StoredMessage> {
		const key = input.idempotencyKey;
		const refuseRepeat = async () => {
			const earlier = key ? await this.findByIdempotencyKey(scope, key) : undefined;
			if (earlier) throw conflict('This Idempotency-Key was already used; the first message stands', { messageId: earlier.id });
		};
		await refuseRepeat();
		try {
			return await this.outbound.submit({ kind: 'pending', scope, id: newId('msg'), account: input.account, message: input.message, ...(key ? { idempotencyKey: key } : {}) });
		} catch (error) {
			// Two requests with one key raced past the check: the unique index let one in.
			await refuseRepeat();
			throw error;
		}
	}

	async findByIdempotencyKey(scope: TenantScope, key: string): Promise<StoredMessage | undefined> {
		const row = await this.db.selectFrom('messages').select('id').where('tenant_id', '=', scope.tenantId).where('idempotency_key', '=', key).executeTakeFirst();
		return row ? this.mustGet(this.db, scope, row.id) : undefined;
	}

	markDispatched(scope: TenantScope, messageId: string, dispatch: Dispatch): Promise<StoredMessage> {
		return this.outbound.submit({ kind: 'dispatched', scope, messageId, dispatch });
	}

	markFailed(scope: TenantScope, messageId: string, error: ProviderError): Promise<StoredMessage> {
		return this.outbound.submit({ kind: 'failed', scope, messageId, error });
	}

	private async mustGet(db: Executor, scope: TenantScope, id: string): Promise<StoredMessage> {
		const row = await db
			.selectFrom('messages')
			.innerJoin('conversations', 'conversations.id', 'messages.conversation_id')
			.selectAll('messages')
			.select(['conversations.sender', 'conversations.peer'])
			.where('messages.tenant_id', '=', scope.tenantId)
			.where('messages.id', '=', id)
			.executeTakeFirst();
		if (!row) throw notFound('Message', id);
		return toStoredMessage(row);
	}
}
