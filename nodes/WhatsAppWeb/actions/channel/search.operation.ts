import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { listedValues } from '../../../shared/listInput';
import type { OperationResult } from '../../../shared/router';
import { searchWebChannels, type WebChannelSearch } from '../../../shared/transport/api/webChannels';
import { accountSessionField, resolvedSessionNameOf } from '../common/session';

/** WhatsApp's directory answers one page; the service takes up to 100. */
const MAX_LIMIT = 100;

export const description: INodeProperties[] = [
	accountSessionField,
	{ displayName: 'Search Text', name: 'q', type: 'string', default: '', placeholder: 'city transit', description: 'Words in the channel name or description; empty lists the chosen view' },
	{ displayName: 'Limit', name: 'limit', type: 'number', typeOptions: { minValue: 1, maxValue: MAX_LIMIT }, default: 50, description: 'Max number of results to return' },
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{ displayName: 'Countries', name: 'countries', type: 'string', default: '', placeholder: 'US, GB', description: "Two-letter country codes (ISO 3166-1) of the channels to find; WhatsApp uses the account's region when empty" },
			{ displayName: 'Skip Followed', name: 'skipFollowed', type: 'boolean', default: false, description: 'Whether to leave out the channels this account already follows' },
			{
				displayName: 'View',
				name: 'view',
				type: 'options',
				default: 'recommended',
				description: 'Which directory list to read when there is no search text',
				options: [
					{ name: 'New', value: 'new' },
					{ name: 'Popular', value: 'popular' },
					{ name: 'Recommended', value: 'recommended' },
					{ name: 'Trending', value: 'trending' },
				],
			},
		],
	},
];

/** One item per public channel found in WhatsApp's directory, followed or not. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const q = String(this.getNodeParameter('q', itemIndex, '') ?? '').trim();
	const limit = Math.min(MAX_LIMIT, Math.max(1, this.getNodeParameter('limit', itemIndex, 50) as number));
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const countries = listedValues(options.countries).map((code) => code.toUpperCase());
	const bad = countries.find((code) => !/^[A-Z]{2}$/.test(code));
	if (bad !== undefined) throw new NodeOperationError(this.getNode(), `Countries: "${bad}" is not a two-letter country code`, { itemIndex, description: 'Use ISO 3166-1 codes like US, GB or BR, separated by commas.' });
	const search: WebChannelSearch = {
		...(q ? { q } : {}),
		...(countries.length ? { countries: countries.join(',') } : {}),
		...(options.view ? { view: options.view as WebChannelSearch['view'] } : {}),
		...(options.skipFollowed ? { skipFollowed: true } : {}),
		limit,
	};
	const session = await resolvedSessionNameOf(this, itemIndex);
	return (await searchWebChannels(this, session, search, itemIndex)).map((channel) => ({ session, ...channel }));
}
