import type { GraphClient, GraphTarget } from './graphClient';

/**
 * Subscribes the app the token belongs to to the WABA's webhooks (`POST /{waba-id}/subscribed_apps`). Without it Meta
 * sends the app nothing for that WABA's numbers: the test number works, production numbers stay silent.
 */
export async function subscribeAppToWaba(graph: GraphClient, target: GraphTarget, wabaId: string): Promise<void> {
	await graph.request(target, { method: 'POST', path: `${encodeURIComponent(wabaId)}/subscribed_apps` });
}

