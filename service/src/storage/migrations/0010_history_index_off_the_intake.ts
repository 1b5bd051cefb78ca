import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database';

/**
 * SQLite only: a conversation's history is indexed in bulk shortly after its messages are stored, not inside the
 * webhook's commit. SQLite's commit writes every page it dirtied, and `messages_conversation` put each message into
 * its own conversation's last index page: one more page per webhook, a tenth of the durable intake's throughput
 * (service/src/bench). Here a stored message only joins `message_history_pending` (ordered by our time-ordered ids,
 * so a batch's entries share a page), and HistoryIndexer moves the pending entries into `message_history_index`
 * several hundred at a time, where a conversation's new entries share its page. History reads take both (see
 * HistoryRepository.messages), so nothing stored is ever missing from them.
 *
 * Triggers keep both tables true whatever writes `messages`: an insert joins pending; a message moved to another
 * conversation or time (an outbound send whose recipient WhatsApp renamed) moves its entry; a deleted one (an echo,
 * a removed tenant) leaves both. MySQL keeps its ordinary index: InnoDB logs row changes, not pages, and there the
 * index costs the commit little.
 */
export function historyIndexOffTheIntakeMigration(dialect: Dialect) {
	return {
		async up(db: Kysely<unknown>): Promise<void> {
			if (dialect !== 'sqlite') return;
			await sql`create table message_history_index (conversation_id varchar(40) not null, occurred_at varchar(30) not null, message_id varchar(40) not null, primary key (conversation_id, occurred_at, message_id)) without rowid`.execute(db);
			await sql`create table message_history_pending (message_id varchar(40) not null primary key, conversation_id varchar(40) not null) without rowid`.execute(db);
			await sql`insert into message_history_index (conversation_id, occurred_at, message_id) select conversation_id, occurred_at, id from messages`.execute(db);
			await sql`drop index messages_conversation`.execute(db);
			await sql`create trigger message_history_stored after insert on messages begin
				insert into message_history_pending (message_id, conversation_id) values (new.id, new.conversation_id);
			end`.execute(db);
			await sql`create trigger message_history_moved after update of conversation_id, occurred_at on messages
				when old.conversation_id is not new.conversation_id or old.occurred_at is not new.occurred_at begin
				update message_history_pending set conversation_id = new.conversation_id where message_id = new.id;
				update message_history_index set conversation_id = new.conversation_id, occurred_at = new.occurred_at
					where conversation_id = old.conversation_id and occurred_at = old.occurred_at and message_id = old.id;
			end`.execute(db);
			await sql`create trigger message_history_removed after delete on messages begin
				delete from message_history_pending where message_id = old.id;
				delete from message_history_index where conversation_id = old.conversation_id and occurred_at = old.occurred_at and message_id = old.id;
			end`.execute(db);
		},
	};
}
