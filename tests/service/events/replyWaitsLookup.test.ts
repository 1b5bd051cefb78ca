import type { EventDraft } from '../../../service/src/events/eventDraft';
import { replyWaitRecipients } from '../../../service/src/events/replyWaits/replyWaitsRepository';
import { parseFilter } from '../../../service/src/events/subscriptionFilter';
import { openStorage, type Executor } from '../../../service/src/storage/database';
import { migrateToLatest } from '../../../service/src/storage/migrations';
import { createTestDatabase, type TestDatabase } from '../../support/databases';

/** The reply-wait look-up runs once per webhook batch; it is skipped when no wait can be listening. */
describe('reply-wait recipients look-up', () => {
	let database: TestDatabase;
	let storage: ReturnType<typeof openStorage>;
	beforeAll(async () => {
		database = await createTestDatabase('sqlite');
		storage = openStorage(database.settings);
		await migrateToLatest(storage.db as never, storage.dialect);
	});
	afterAll(async () => {
		await storage.close();
		await database.drop();
	});

	const reply: EventDraft = { id: 'evt_1', tenantId: 'ten_1', type: 'message.received', channel: 'cloud', orderingKey: 'k', occurredAt: '2026-11-28T00:00:00.000Z', data: { conversationId: 'cnv_1', type: 'text' }, match: {} };
	const subscription = (events: string[]) => parseFilter({ id: `sub_${events.length}`, tenant_id: 'ten_1', event_types: JSON.stringify(events), channel: null, accounts_json: '[]', message_types_json: '[]', statuses_json: '[]' });

	/** The database, counting the queries made through it. */
	function counting(): { executor: Executor; queries: () => number } {
		let queries = 0;
		const executor = new Proxy(storage.db, {
			get(target, property) {
				const value = Reflect.get(target, property, target) as unknown;
				if (property === 'selectFrom' || property === 'updateTable') queries++;
				return typeof value === 'function' ? value.bind(target) : value;
			},
		});
		return { executor, queries: () => queries };
	}

	test('with only ordinary subscriptions (they ask for event types), nothing is queried', async () => {
		const { executor, queries } = counting();
		expect(await replyWaitRecipients(executor, [reply], [subscription(['*']), subscription(['message.received', 'message.status'])])).toEqual([]);
		expect(queries()).toBe(0);
	});

	test("with a wait's subscription (no event type by filter) among them, armed waits are looked up", async () => {
		const { executor, queries } = counting();
		expect(await replyWaitRecipients(executor, [reply], [subscription(['*']), subscription([])])).toEqual([]);
		expect(queries()).toBe(1);
	});
});
