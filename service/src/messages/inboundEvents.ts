import type { ChannelKind } from '../channels/messages';
import { affectedRows, chunks, insertRows } from '../events/sql';
import { newId } from '../shared/ids';
import type { Dialect, Executor } from '../storage/database';
import type { BatchResults, Entries, EventItem } from './inboundBatch';
import type { HistoryAmendment } from './ledger';

const SEP = '\u0000';

/**
 * Other events (template and account updates, edits, revokes, votes…): those with a dedupe key are emitted once per
 * tenant and key; an event amending a stored message applies its change with it.
 */
export async function writeInboundEvents(tx: Executor, dialect: Dialect, entries: Entries<EventItem>, results: BatchResults): Promise<void> {
	const { outcomes, drafts, now } = results;
	const keyed = entries.filter(([, item]) => item.dedupeKey !== undefined);
	const accepted = new Set(entries.filter(([, item]) => item.dedupeKey === undefined).map(([index]) => index));
	if (keyed.length > 0) {
		const keyOf = (item: EventItem) => [item.scope.tenantId, item.dedupeKey as string].join(SEP);
		const first = new Map<string, [number, EventItem]>();
		for (const entry of keyed) if (!first.has(keyOf(entry[1]))) first.set(keyOf(entry[1]), entry);
		const candidates = [...first.values()];
		const seen = new Set<string>();
		for (const part of chunks(candidates)) {
			const rows = await tx
				.selectFrom('inbound_event_keys')
				.select(['tenant_id', 'dedupe_key'])
				.where('tenant_id', 'in', [...new Set(part.map(([, i]) => i.scope.tenantId))])
				.where('dedupe_key', 'in', part.map(([, i]) => i.dedupeKey as string))
				.execute();
			for (const row of rows) seen.add([row.tenant_id, row.dedupe_key].join(SEP));
		}
		// Rare and small: one insert each, so a key another replica took first is recognised exactly.
		for (const [index, item] of candidates) {
			if (seen.has(keyOf(item))) continue;
			const result = await tx.executeQuery(insertRows(dialect, 'inbound_event_keys', [{ tenant_id: item.scope.tenantId, dedupe_key: item.dedupeKey as string, created_at: now }], { ignoreDuplicates: true }));
			if (affectedRows(result) > 0) accepted.add(index);
		}
	}
	for (const [index, item] of entries) {
		if (!accepted.has(index)) continue;
		if (item.amends) await amendHistory(tx, dialect, item.scope.tenantId, item.channel, item.amends, now);
		outcomes[index] = 'accepted';
		drafts[index] = {
			id: newId('evt'),
			tenantId: item.scope.tenantId,
			type: item.type,
			channel: item.channel,
			orderingKey: (item.orderingKey ?? `${item.channel}:${item.type}`).slice(0, 255),
			occurredAt: item.occurredAt ?? now,
			data: item.data,
			raw: item.raw,
			match: { ...(item.accountId !== undefined ? { accountId: item.accountId } : {}) },
		};
	}
}

async function amendHistory(tx: Executor, dialect: Dialect, tenantId: string, channel: ChannelKind, amendment: HistoryAmendment, now: string): Promise<void> {
	const select = tx.selectFrom('messages').select(['id', 'body_json']).where('tenant_id', '=', tenantId).where('channel', '=', channel).where('provider_id', '=', amendment.providerId);
	// Read, change, write: on MySQL two batches amending one message (votes on a busy poll) must take turns.
	const row = await (dialect === 'mysql' ? select.forUpdate() : select).executeTakeFirst();
	if (!row) return;
	const body = amendedBody(JSON.parse(row.body_json) as Record<string, unknown>, amendment);
	await tx.updateTable('messages').set({ body_json: JSON.stringify(body), updated_at: now }).where('id', '=', row.id).execute();
}

/**
 * Edits, revokes and poll votes are rare (a row each). A message history does not hold (sent before the session was linked)
 * is left alone: the event still goes out.
 */
function amendedBody(stored: Record<string, unknown>, amendment: HistoryAmendment): Record<string, unknown> {
	if (amendment.change === 'revoked') return { ...stored, revoked: { at: amendment.at } };
	if (amendment.change === 'voted') {
		// Each voter's latest choice (WhatsApp replaces a vote; an empty list is a vote withdrawn).
		const votes = { ...((stored.pollVotes as Record<string, unknown> | undefined) ?? {}) };
		if (amendment.options.length > 0) votes[amendment.voter] = { options: amendment.options, at: amendment.at };
		else delete votes[amendment.voter];
		return { ...stored, pollVotes: votes };
	}
	const body: Record<string, unknown> = { ...stored, edited: { at: amendment.at, previousBody: amendment.previousBody } };
	const text = stored.text as { body?: unknown } | undefined;
	const media = stored.media as { caption?: unknown } | undefined;
	if (text && typeof text === 'object') body.text = { ...text, body: amendment.body };
	else if (media && typeof media === 'object') body.media = { ...media, caption: amendment.body };
	return body;
}
