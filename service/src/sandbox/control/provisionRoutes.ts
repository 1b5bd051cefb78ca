import type { FastifyInstance } from 'fastify';
import { controlErrors } from '../controlError';
import type { ProvisionBundle } from '../simulator';
import type { AppInput, PhoneNumberInput, QualityRating, TokenInput, WabaInput } from '../state/registry';
import type { JsonObject } from '../validation/fields';
import type { ControlDeps } from './controlPlugin';
import {
	objectArray,
	objectBody,
	optionalBoolean,
	optionalEnum,
	optionalNumber,
	optionalString,
	optionalStringArray,
	requiredString,
} from './input';
import { readTemplateInput } from './templateControlRoutes';
import { appView, mediaNodeForControl, phoneNumberView, tokenView } from './views';
import { verifyCallback } from './verifyCallback';

/** Apps, WABAs, phone numbers, tokens and media, one by one or as one bundle. */
export function registerProvisionRoutes(fastify: FastifyInstance, deps: ControlDeps): void {
	const { sim } = deps;

	fastify.post('/apps', async (request, reply) => {
		const app = sim.provisionApp(readApp(objectBody(request.body)));
		return reply.code(201).send(appView(app));
	});
	fastify.get('/apps', async () => ({ data: [...sim.registry.apps.values()].map(appView) }));

	fastify.put<{ Params: { appId: string } }>('/apps/:appId/callback', async (request) => {
		const body = objectBody(request.body);
		const app = sim.registry.requireApp(request.params.appId);
		const callbackUrl = body.callbackUrl === null ? undefined : requiredString(body, 'callbackUrl');
		const verifyToken = optionalString(body, 'verifyToken') ?? app.verifyToken;
		// Meta checks a new callback with a GET challenge before saving it; opt in with `verify: true`.
		if (callbackUrl && optionalBoolean(body, 'verify')) await verifyCallback(callbackUrl, verifyToken ?? '');
		return appView(sim.registry.setCallback(app.appId, callbackUrl, verifyToken));
	});

	fastify.post('/wabas', async (request, reply) => reply.code(201).send(sim.provisionWaba(readWaba(objectBody(request.body)))));
	fastify.get('/wabas', async () => ({ data: [...sim.registry.wabas.values()] }));

	fastify.post('/phone-numbers', async (request, reply) => {
		const number = sim.provisionPhoneNumber(readPhoneNumber(objectBody(request.body)));
		return reply.code(201).send(phoneNumberView(number));
	});
	fastify.get('/phone-numbers', async () => ({ data: [...sim.registry.phoneNumbers.values()].map(phoneNumberView) }));
	fastify.patch<{ Params: { id: string } }>('/phone-numbers/:id', async (request) => {
		const number = sim.registry.requirePhoneNumber(request.params.id);
		const body = objectBody(request.body);
		number.throughputPerSecond = optionalNumber(body, 'throughputPerSecond', undefined, { min: 1 }) ?? number.throughputPerSecond;
		number.qualityRating = optionalEnum(body, 'qualityRating', QUALITY_RATINGS) ?? number.qualityRating;
		number.verifiedName = optionalString(body, 'verifiedName') ?? number.verifiedName;
		number.displayPhoneNumber = optionalString(body, 'displayPhoneNumber') ?? number.displayPhoneNumber;
		return phoneNumberView(number);
	});

	fastify.post('/tokens', async (request, reply) => reply.code(201).send(tokenView(sim.addToken(readToken(objectBody(request.body), sim.clock.now())))));
	fastify.post<{ Params: { token: string } }>('/tokens/:token/expire', async (request) => tokenView(sim.registry.expireToken(request.params.token)));
	fastify.delete<{ Params: { token: string } }>('/tokens/:token', async (request, reply) => {
		if (!sim.registry.removeToken(request.params.token)) throw controlErrors.notFound('token', '(given)');
		return reply.code(204).send();
	});

	fastify.post('/media', async (request, reply) => {
		const body = objectBody(request.body);
		const number = sim.registry.requirePhoneNumber(requiredString(body, 'phoneNumberId'));
		const base64 = optionalString(body, 'dataBase64');
		const record = sim.media.put({
			id: optionalString(body, 'id'),
			phoneNumberId: number.phoneNumberId,
			mimeType: requiredString(body, 'mimeType'),
			data: base64 !== undefined ? Buffer.from(base64, 'base64') : Buffer.from('sandbox media'),
			filename: optionalString(body, 'filename'),
			origin: 'provisioned',
		});
		return reply.code(201).send(mediaNodeForControl(record));
	});

	fastify.post('/provision', async (request, reply) => {
		const body = objectBody(request.body);
		const now = sim.clock.now();
		const bundle: ProvisionBundle = {
			apps: objectArray(body, 'apps').map(readApp),
			wabas: objectArray(body, 'wabas').map(readWaba),
			phoneNumbers: objectArray(body, 'phoneNumbers').map(readPhoneNumber),
			tokens: objectArray(body, 'tokens').map((token) => readToken(token, now)),
			templates: objectArray(body, 'templates').map(readTemplateInput),
		};
		sim.provision(bundle);
		return reply.code(201).send({
			apps: bundle.apps?.map((app) => appView(sim.registry.requireApp(app.appId))),
			phoneNumbers: bundle.phoneNumbers?.map((number) => phoneNumberView(sim.registry.requirePhoneNumber(number.phoneNumberId))),
		});
	});
}

const QUALITY_RATINGS: readonly QualityRating[] = ['GREEN', 'YELLOW', 'RED', 'UNKNOWN'];

function readApp(body: JsonObject): AppInput {
	return {
		appId: requiredString(body, 'appId'),
		appSecret: requiredString(body, 'appSecret'),
		callbackUrl: optionalString(body, 'callbackUrl'),
		verifyToken: optionalString(body, 'verifyToken'),
		webhookVersion: optionalString(body, 'webhookVersion'),
	};
}

function readWaba(body: JsonObject): WabaInput {
	return {
		wabaId: requiredString(body, 'wabaId'),
		name: optionalString(body, 'name'),
		appId: optionalString(body, 'appId'),
		currency: optionalString(body, 'currency'),
		timezoneId: optionalString(body, 'timezoneId'),
	};
}

function readPhoneNumber(body: JsonObject): PhoneNumberInput {
	return {
		phoneNumberId: requiredString(body, 'phoneNumberId'),
		wabaId: requiredString(body, 'wabaId'),
		appId: requiredString(body, 'appId'),
		displayPhoneNumber: requiredString(body, 'displayPhoneNumber'),
		verifiedName: optionalString(body, 'verifiedName') ?? 'Sandbox Business',
		accessToken: optionalString(body, 'accessToken'),
		accessTokens: optionalStringArray(body, 'accessTokens'),
		throughputPerSecond: optionalNumber(body, 'throughputPerSecond', undefined, { min: 1 }),
		qualityRating: optionalEnum(body, 'qualityRating', QUALITY_RATINGS),
	};
}

/** `expiresAt` is an ISO date or epoch milliseconds on the simulator clock; `expiresInSeconds` counts from now. */
function readToken(body: JsonObject, now: number): TokenInput {
	const inSeconds = optionalNumber(body, 'expiresInSeconds', undefined, { min: 0 });
	const rawExpiresAt = body.expiresAt;
	let expiresAt: number | undefined;
	if (typeof rawExpiresAt === 'string') {
		expiresAt = Date.parse(rawExpiresAt);
		if (Number.isNaN(expiresAt)) throw controlErrors.badRequest('expiresAt must be an ISO date or epoch milliseconds', { field: 'expiresAt' });
	} else {
		expiresAt = optionalNumber(body, 'expiresAt');
	}
	if (inSeconds !== undefined) expiresAt = now + inSeconds * 1000;
	return {
		token: requiredString(body, 'token'),
		phoneNumberIds: optionalStringArray(body, 'phoneNumberIds'),
		wabaIds: optionalStringArray(body, 'wabaIds'),
		expiresAt,
	};
}
