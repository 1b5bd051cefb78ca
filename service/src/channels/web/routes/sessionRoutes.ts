import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../../context';
import { requireAuth, tenantScopeOf } from '../../../http/auth';
import { errorResponses, SECURITY } from '../../../http/schemas';
import type { SessionManager } from '../sessions/sessionManager';
import { CreateSessionBody, PatchSessionBody, SessionParams, WebSessionSchema } from './schemas';
import { sessionView } from './sessionView';

const digitsOf = (phone: string) => phone.replace(/\D/g, '');

/** Sessions of the tenant: create, list, read, change, delete, and the idempotent start/stop/restart/logout. */
export function webSessionRoutes(manager: SessionManager): FastifyPluginAsyncTypebox<{ ctx: AppContext }> {
	return async (app, { ctx }) => {
		const read = requireAuth(ctx.authenticator, { scope: 'read' });
		const admin = requireAuth(ctx.authenticator, { scope: 'admin' });
		const base = { tags: ['web-sessions'], security: SECURITY };
		// The sessions this process runs, with their browsers: looked up once per request, however many sessions it shows.
		const browsers = async () => new Map((await manager.running()).map((running) => [running.id, running.browser]));
		const view = async (session: Parameters<typeof sessionView>[0], measured?: Awaited<ReturnType<typeof browsers>>) => sessionView(session, ctx.config.web.qrMaxRotations, (measured ?? (await browsers())).get(session.id));

		app.post(
			'/v1/web/sessions',
			{
				preHandler: admin,
				schema: {
					...base,
					summary: 'Create a WhatsApp Web session (and start it unless start is false); an existing name answers 200 with that session unchanged',
					body: CreateSessionBody,
					response: { 200: WebSessionSchema, 201: WebSessionSchema, ...errorResponses(400, 401, 403, 404, 409) },
				},
			},
			async (request, reply) => {
				const body = request.body;
				const { session, created } = await manager.create(tenantScopeOf(request), {
					name: body.name,
					isDefault: body.isDefault ?? false,
					pairingPhone: body.pairingPhoneNumber ? digitsOf(body.pairingPhoneNumber) : null,
					settings: body.settings ?? {},
					start: body.start ?? true,
				});
				return reply.status(created ? 201 : 200).send(await view(session));
			},
		);

		app.get('/v1/web/sessions', { preHandler: read, schema: { ...base, summary: "The tenant's WhatsApp Web sessions", response: { 200: Type.Object({ data: Type.Array(WebSessionSchema) }), ...errorResponses(401, 404) } } }, async (request) => {
			const [sessions, measured] = await Promise.all([manager.list(tenantScopeOf(request)), browsers()]);
			return { data: await Promise.all(sessions.map((session) => view(session, measured))) };
		});

		app.get('/v1/web/sessions/:name', { preHandler: read, schema: { ...base, summary: 'A session: status (with reason), login method, own account, who runs it', params: SessionParams, response: { 200: WebSessionSchema, ...errorResponses(400, 401, 404) } } }, async (request) =>
			view(await manager.get(tenantScopeOf(request), request.params.name)),
		);

		app.patch(
			'/v1/web/sessions/:name',
			{ preHandler: admin, schema: { ...base, summary: 'Change a session: default flag, pairing number, settings (applied at the next start)', params: SessionParams, body: PatchSessionBody, response: { 200: WebSessionSchema, ...errorResponses(400, 401, 403, 404) } } },
			async (request) => {
				const { isDefault, pairingPhoneNumber, settings } = request.body;
				return view(
					await manager.update(tenantScopeOf(request), request.params.name, {
						...(isDefault !== undefined ? { isDefault } : {}),
						...(pairingPhoneNumber !== undefined ? { pairingPhone: pairingPhoneNumber === null ? null : digitsOf(pairingPhoneNumber) } : {}),
						...(settings !== undefined ? { settings } : {}),
					}),
				);
			},
		);

		app.delete(
			'/v1/web/sessions/:name',
			{ preHandler: admin, schema: { ...base, summary: 'Delete a session: unlink the device, close its browser, forget its login', params: SessionParams, response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) } } },
			async (request, reply) => {
				await manager.delete(tenantScopeOf(request), request.params.name);
				return reply.status(204).send(null);
			},
		);

		const actions = [
			['start', 'Start the session (no-op when it runs); then scan the QR code or enter the pairing code', (scope, name) => manager.start(scope, name)],
			['stop', 'Stop the session, keeping its login (no-op when stopped)', (scope, name) => manager.stop(scope, name)],
			['restart', 'Stop and start again (applies changed settings)', (scope, name) => manager.restart(scope, name)],
			['logout', 'Unlink the device and forget the login; the session stays, STOPPED', (scope, name) => manager.logout(scope, name)],
		] as const satisfies ReadonlyArray<readonly [string, string, (scope: ReturnType<typeof tenantScopeOf>, name: string) => Promise<Parameters<typeof sessionView>[0]>]>;
		for (const [action, summary, run] of actions) {
			app.post(
				`/v1/web/sessions/:name/${action}`,
				{ preHandler: admin, schema: { ...base, summary, description: 'Answers the session as it is now; follow its status in session.status events or by polling.', params: SessionParams, response: { 200: WebSessionSchema, ...errorResponses(400, 401, 403, 404, 409) } } },
				async (request) => view(await run(tenantScopeOf(request), request.params.name)),
			);
		}
	};
}
