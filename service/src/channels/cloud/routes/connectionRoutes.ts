import { Type } from 'typebox';
import { repositories } from '../../../context';
import type { App } from '../../../http/app';
import { requireAuth, tenantScopeOf } from '../../../http/auth';
import { errorResponses, Nullable, SECURITY } from '../../../http/schemas';
import { badRequest, conflict } from '../../../shared/errors';
import { randomSecret } from '../../../shared/ids';
import { CloudNumberSchema, MetaAppSchema } from '../config/routes';
import type { CloudServices } from '../cloudServices';
import { listPhoneNumbers } from '../graph/phoneNumbersApi';
import { subscribeAppToWaba } from '../graph/subscribedAppsApi';
import { PhoneNumberId, WabaId } from './schemas';

const ConnectionBody = Type.Object(
	{
		appId: Type.String({ pattern: '^[0-9]{1,32}$', description: "Meta's numeric app id" }),
		appSecret: Type.String({ minLength: 8, maxLength: 1024 }),
		verifyToken: Type.Optional(Type.String({ minLength: 8, maxLength: 1024, description: 'Generated (and shown once) when the app is new and none is given' })),
		wabaId: WabaId,
		accessToken: Type.String({ minLength: 8, maxLength: 2048 }),
		graphApiVersion: Type.Optional(Type.String({ pattern: '^v[0-9]{1,2}\\.[0-9]$' })),
		phoneNumberIds: Type.Optional(Type.Array(PhoneNumberId, { minItems: 1, maxItems: 100, description: "Register only these of the WABA's numbers (default: all)" })),
		throughputPerSecond: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
		subscribeApp: Type.Optional(Type.Boolean({ default: true, description: "Subscribe the token's app to the WABA's webhooks (Meta's subscribed_apps), without which production numbers' messages never reach the webhook" })),
	},
	{ additionalProperties: false },
);

const Subscription = Type.Object({
	subscribed: Type.Boolean({ description: "Whether the token's app is subscribed to the WABA's webhooks now" }),
	error: Type.Optional(Type.Object({ message: Type.String(), providerCode: Nullable(Type.Integer()) }, { description: "Meta's refusal; the numbers are registered anyway" })),
});

/**
 * One call that connects a tenant to Meta, as the n8n Tenant Admin node pushes it from the Meta credential: the
 * token is checked with Graph first (listing the WABA's numbers), then the app and the numbers are written in one
 * transaction. Calling it again with the same input changes nothing; with a new token or secret it rotates them.
 */
export function cloudConnectionRoutes(services: CloudServices) {
	return async (app: App): Promise<void> => {
		const { ctx, graph, retry } = services;

		app.put(
			'/v1/cloud/connection',
			{
				preHandler: requireAuth(ctx.authenticator, { scope: 'admin' }),
				schema: {
					tags: ['cloud-config'],
					security: SECURITY,
					summary: "Connect the tenant's Meta app and WABA: checks the token with Graph, then upserts the app and registers the WABA's numbers",
					body: ConnectionBody,
					response: { 200: Type.Object({ metaApp: MetaAppSchema, numbers: Type.Array(CloudNumberSchema), subscription: Type.Optional(Subscription) }), ...errorResponses(400, 401, 403, 404, 409, 429, 502) },
				},
			},
			async (request) => {
				const scope = tenantScopeOf(request);
				const input = request.body;
				const existingApp = await ctx.repos.metaApps.getSecrets(scope, input.appId);
				// A new app goes where its token is known: the configured Graph, or the in-process sandbox for sandbox tokens.
				const graphBase = existingApp?.graphBaseUrl ?? services.credentialCheckBase(input.accessToken).baseUrl;
				const target = {
					baseUrl: graphBase,
					version: input.graphApiVersion ?? existingApp?.graphApiVersion ?? ctx.config.graph.version,
					accessToken: input.accessToken,
				};
				const wabaNumbers = await retry.run(() => listPhoneNumbers(graph, target, input.wabaId), { fieldPath: (field) => `body.${field}` });
				const known = new Map(wabaNumbers.map((number) => [number.id, number]));
				const wanted = input.phoneNumberIds ?? wabaNumbers.map((number) => number.id);
				const strangers = wanted.map((id, index) => ({ id, index })).filter(({ id }) => !known.has(id));
				if (strangers.length > 0) {
					throw badRequest(`Not numbers of WABA ${input.wabaId}: ${strangers.map((s) => s.id).join(', ')}`, strangers.map(({ index }) => ({ field: `body.phoneNumberIds[${index}]`, message: `is not a phone number of WABA ${input.wabaId}` })));
				}
				for (const id of wanted) {
					const owner = await ctx.repos.cloudNumbers.ownerOf(id);
					if (owner && owner !== scope.tenantId) throw conflict(`Phone number ${id} is already registered`, { field: 'body.phoneNumberIds', phoneNumberId: id });
				}

				const generatedVerifyToken = existingApp || input.verifyToken ? undefined : randomSecret(24);
				const result = await ctx.storage.db.transaction().execute(async (trx) => {
					const repos = repositories(trx, ctx.secrets);
					const metaApp = existingApp
						? await repos.metaApps.update(scope, input.appId, { appSecret: input.appSecret, ...(input.verifyToken ? { verifyToken: input.verifyToken } : {}), ...(input.graphApiVersion ? { graphApiVersion: input.graphApiVersion } : {}) })
						: await repos.metaApps.create(scope, {
								appId: input.appId,
								appSecret: input.appSecret,
								verifyToken: input.verifyToken ?? (generatedVerifyToken as string),
								graphApiVersion: input.graphApiVersion ?? null,
								graphBaseUrl: graphBase === ctx.config.graph.baseUrl ? null : graphBase,
							});
					const appRow = (await repos.metaApps.getSecrets(scope, input.appId))!;
					const registered = new Set((await repos.cloudNumbers.accounts(scope)).map((account) => account.phoneNumberId));
					let hasDefault = (await repos.cloudNumbers.accounts(scope)).some((account) => account.isDefault);
					for (const id of wanted) {
						const profile = known.get(id)!;
						const fields = { wabaId: input.wabaId, metaAppRowId: appRow.id, accessToken: input.accessToken, displayPhoneNumber: profile.display_phone_number ?? null, verifiedName: profile.verified_name ?? null };
						if (registered.has(id)) {
							await repos.cloudNumbers.update(scope, id, { ...fields, ...(input.throughputPerSecond ? { throughputPerSecond: input.throughputPerSecond } : {}) });
						} else {
							await repos.cloudNumbers.create(scope, { ...fields, phoneNumberId: id, metaAppId: input.appId, throughputPerSecond: input.throughputPerSecond ?? 80, isDefault: !hasDefault });
							hasDefault = true;
						}
					}
					const numbers = (await repos.cloudNumbers.list(scope)).filter((number) => wanted.includes(number.phoneNumberId));
					return { metaApp: metaApp!, numbers };
				});
				for (const id of wanted) services.accounts.forget(scope, id);
				const subscription = input.subscribeApp === false ? undefined : await subscribe(() => retry.run(() => subscribeAppToWaba(graph, target, input.wabaId)));
				return {
					metaApp: { ...result.metaApp, verifyToken: generatedVerifyToken ?? result.metaApp.verifyToken, webhookUrl: `${ctx.publicUrl}/webhooks/meta/${input.appId}` },
					numbers: result.numbers,
					...(subscription ? { subscription } : {}),
				};
			},
		);
	};
}

/**
 * The subscription comes after the numbers are stored: a token that may read the WABA but not subscribe (a missing
 * permission) still leaves a working send setup, and the answer says what Meta refused so it can be fixed.
 */
async function subscribe(call: () => Promise<void>): Promise<{ subscribed: boolean; error?: { message: string; providerCode: number | null } }> {
	try {
		await call();
		return { subscribed: true };
	} catch (error) {
		const details = (error as { details?: { providerCode?: unknown } }).details;
		return { subscribed: false, error: { message: error instanceof Error ? error.message : String(error), providerCode: typeof details?.providerCode === 'number' ? details.providerCode : null } };
	}
}
