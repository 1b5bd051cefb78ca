import type { FastifyInstance } from 'fastify';
import { wabaFor } from './access';
import { graphErrors } from './errors';
import type { GraphDeps } from './graphPlugin';

/**
 * `GET|POST|DELETE /:version/:waba-id/subscribed_apps`: which apps get the WABA's webhooks. Meta subscribes the app
 * the access token belongs to; the simulator's tokens name no app, so it subscribes the WABA's own app (or its
 * numbers' apps). An `override_callback_uri` needs its `verify_token`, as on Meta.
 */
export function registerSubscribedAppsRoutes(fastify: FastifyInstance, deps: GraphDeps): void {
	const { sim } = deps;
	const appsFor = (wabaId: string) => sim.registry.appsOfWaba(wabaId);

	fastify.get<{ Params: { version: string; id: string } }>('/:version/:id/subscribed_apps', async (request) => {
		const waba = wabaFor(sim, request, request.params.id);
		return {
			data: sim.subscriptions.of(waba.wabaId).map((subscription) => ({
				whatsapp_business_api_data: { id: subscription.appId, name: `Sandbox app ${subscription.appId}`, link: `https://www.facebook.com/games/?app_id=${subscription.appId}` },
				...(subscription.overrideCallbackUri ? { override_callback_uri: subscription.overrideCallbackUri } : {}),
			})),
		};
	});

	fastify.post<{ Params: { version: string; id: string }; Body: unknown }>('/:version/:id/subscribed_apps', async (request) => {
		const waba = wabaFor(sim, request, request.params.id);
		const body = (request.body ?? {}) as { override_callback_uri?: unknown; verify_token?: unknown };
		const override = body.override_callback_uri;
		if (override !== undefined && (typeof override !== 'string' || !/^https:\/\/\S+$/.test(override))) throw graphErrors.invalidParameter('Param override_callback_uri must be an https URL', { field: 'override_callback_uri' });
		if (override !== undefined && (typeof body.verify_token !== 'string' || body.verify_token.length === 0)) throw graphErrors.invalidParameter('Param verify_token is required with override_callback_uri', { field: 'verify_token' });
		for (const app of appsFor(waba.wabaId)) sim.subscriptions.subscribe(waba.wabaId, app.appId, override as string | undefined);
		return { success: true };
	});

	fastify.delete<{ Params: { version: string; id: string } }>('/:version/:id/subscribed_apps', async (request) => {
		const waba = wabaFor(sim, request, request.params.id);
		for (const app of appsFor(waba.wabaId)) sim.subscriptions.unsubscribe(waba.wabaId, app.appId);
		return { success: true };
	});
}
