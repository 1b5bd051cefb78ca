import { Type } from 'typebox';
import type { App } from '../../../http/app';
import { requireAuth, tenantScopeOf } from '../../../http/auth';
import { errorResponses, SECURITY } from '../../../http/schemas';
import { notFound } from '../../../shared/errors';
import type { CloudServices } from '../cloudServices';
import type { GraphTarget } from '../graph/graphClient';
import { listPhoneNumbers, type GraphPhoneNumber } from '../graph/phoneNumbersApi';
import { ConnectionTestSchema, PhoneNumberId, PhoneNumberSchema, WabaId } from './schemas';

export function toPhoneNumber(number: GraphPhoneNumber) {
	return {
		id: number.id,
		displayPhoneNumber: number.display_phone_number ?? null,
		verifiedName: number.verified_name ?? null,
		qualityRating: number.quality_rating ?? null,
		throughputLevel: number.throughput?.level ?? null,
	};
}

/** Checking a registered number against Meta, and listing a WABA's numbers before registering them. */
export function cloudNumberRoutes(services: CloudServices) {
	return async (app: App): Promise<void> => {
		const { ctx, accounts, graph, retry, tester } = services;
		const base = { tags: ['cloud-config'], security: SECURITY };

		app.post(
			'/v1/cloud/numbers/:phoneNumberId/test',
			{
				preHandler: requireAuth(ctx.authenticator, { scope: 'read' }),
				schema: {
					...base,
					summary: "Test connection: read the number's profile from Meta with its stored token (the outcome feeds the channel's health)",
					params: Type.Object({ phoneNumberId: PhoneNumberId }),
					response: { 200: ConnectionTestSchema, ...errorResponses(400, 401, 404) },
				},
			},
			async (request) => tester.test(tenantScopeOf(request), request.params.phoneNumberId),
		);

		app.get(
			'/v1/cloud/wabas/:wabaId/phone-numbers',
			{
				preHandler: requireAuth(ctx.authenticator, { scope: 'admin' }),
				schema: {
					...base,
					summary: "A WABA's phone numbers from Meta, with the token of a number registered on it or the one in X-Meta-Access-Token",
					params: Type.Object({ wabaId: WabaId }),
					headers: Type.Object({ 'x-meta-access-token': Type.Optional(Type.String({ minLength: 8, maxLength: 2048 })) }),
					response: { 200: Type.Object({ data: Type.Array(Type.Object({ ...PhoneNumberSchema.properties, registered: Type.Boolean({ description: 'Registered in this tenant' }) })) }), ...errorResponses(400, 401, 403, 404, 502) },
				},
			},
			async (request) => {
				const scope = tenantScopeOf(request);
				const given = request.headers['x-meta-access-token'];
				let target: GraphTarget;
				if (given) {
					target = { ...services.credentialCheckBase(given), accessToken: given };
				} else {
					const sender = await accounts.senderForWaba(scope, request.params.wabaId).catch(() => {
						throw notFound('WhatsApp Business Account (no number of this tenant is registered on it; send X-Meta-Access-Token)', request.params.wabaId);
					});
					target = sender.target;
				}
				const numbers = await retry.run(() => listPhoneNumbers(graph, target, request.params.wabaId));
				const registered = new Set((await ctx.repos.cloudNumbers.accounts(scope)).map((account) => account.phoneNumberId));
				return { data: numbers.map((number) => ({ ...toPhoneNumber(number), registered: registered.has(number.id) })) };
			},
		);
	};
}
