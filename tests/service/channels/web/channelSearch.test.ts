import { testDialects } from '../../../support/databases';
import { call, fakeClientOf, linkSession, startWebWorld, type WebWorld } from './webHarness';

describe.each(testDialects())("WhatsApp's channel directory on %s", (dialect) => {
	let world: WebWorld;
	const ids: Record<string, string> = {};
	beforeAll(async () => {
		world = await startWebWorld(dialect);
		await linkSession(world, 'desk');
		const client = await fakeClientOf(world, 'desk');
		ids.transit = client.channels.seed({ name: 'City Transit', description: 'Buses and trains', subscribers: 1200, verified: true, country: 'US', createdAt: 1_700_000_100 }).id;
		ids.bakery = client.channels.seed({ name: 'Corner bakery', description: 'Fresh BREAD daily', subscribers: 30, country: 'GB', createdAt: 1_700_000_300 }).id;
		ids.rail = client.channels.seed({ name: 'Rail fans', description: 'Trains of the world', subscribers: 500, country: 'DE', createdAt: 1_700_000_200 }).id;
	});
	afterAll(() => world.service.stop());

	const search = (query: string) => call(world, world.sender, 'GET', `/v1/web/sessions/desk/channels/search?${query}`);
	const found = async (query: string) => {
		const response = await search(query);
		expect(response.statusCode).toBe(200);
		return (response.json().data as Array<{ name: string }>).map((channel) => channel.name);
	};

	test('words match names and descriptions whatever the case, each channel as WhatsApp shows it', async () => {
		expect(await found('q=TRAIN')).toEqual(['City Transit', 'Rail fans']);
		expect(await found(`q=${encodeURIComponent(' bread ')}`)).toEqual(['Corner bakery']);
		expect(await found('q=submarines')).toEqual([]);
		const [transit] = (await search('q=transit')).json().data;
		expect(transit).toEqual({ id: ids.transit, name: 'City Transit', description: 'Buses and trains', role: 'guest', inviteLink: expect.stringMatching(/^https:\/\/whatsapp\.com\/channel\//), subscribers: null, verified: true, muted: false, createdAt: new Date(1_700_000_100_000).toISOString() });
	});

	test('countries, view and limit narrow or order the list; skipFollowed leaves out what this account follows', async () => {
		expect(await found('countries=us,DE')).toEqual(['City Transit', 'Rail fans']);
		expect(await found('view=new')).toEqual(['Corner bakery', 'Rail fans', 'City Transit']);
		expect(await found('view=popular&limit=1')).toEqual(['City Transit']);
		await call(world, world.sender, 'POST', `/v1/web/sessions/desk/channels/${ids.rail}/follow`);
		expect(await found('q=train')).toEqual(['City Transit', 'Rail fans']);
		expect(await found('q=train&skipFollowed=true')).toEqual(['City Transit']);
	});

	test('a bad view, limit, country list or unknown parameter is 400 naming it', async () => {
		for (const [query, field] of [
			['view=hot', 'querystring.view'],
			['limit=0', 'querystring.limit'],
			['limit=101', 'querystring.limit'],
			['countries=USA', 'querystring.countries'],
			['skipFollowed=maybe', 'querystring.skipFollowed'],
			['text=train', 'querystring'],
		]) {
			const response = await search(query);
			expect([query, response.statusCode]).toEqual([query, 400]);
			expect(response.json().error.code).toBe('validation_failed');
			expect(JSON.stringify(response.json().error.details)).toContain(field);
		}
	});
});
