import type { FastifyInstance } from 'fastify';
import { newTraceId } from '../ids';
import type { Simulator } from '../simulator';
import type { SimPhoneNumber } from '../state/registry';
import { phoneNumberFor } from './access';
import { maybeGraphContext } from './context';
import { GraphError, graphErrors } from './errors';
import type { GraphDeps } from './graphPlugin';
import { pageLinks, paginate, readPageRequest } from './paging';

/** Meta's cap on users in one block or unblock request. */
const MAX_USERS_PER_REQUEST = 1000;

interface UserResult {
	input: string;
	wa_id?: string;
	errors?: Array<{ message: string; code: number; error_data: { details: string } }>;
}

/**
 * `GET|POST|DELETE /:version/:phone-number-id/block_users`, as Meta's Block Users API: only people who wrote in the
 * last 24 hours can be blocked, the list holds 64,000, and results are per person. When some fail, the answer is 400
 * with error 139100 and every person's result beside it. A blocked person's messages are not delivered (see
 * injectInbound).
 */
export function registerBlockUsersRoutes(fastify: FastifyInstance, deps: GraphDeps): void {
	const { sim } = deps;
	fastify.get<{ Params: { version: string; id: string }; Querystring: Record<string, unknown> }>('/:version/:id/block_users', async (request) => {
		const number = phoneNumberFor(sim, request, request.params.id);
		const link = pageLinks(`${deps.urls.base(request)}/graph/${request.params.version}/${number.phoneNumberId}/block_users`, request.query);
		const page = paginate(sim.blocklists.of(number.phoneNumberId), (waId) => waId, readPageRequest(request.query), link);
		return { ...page, data: page.data.map((waId) => ({ messaging_product: 'whatsapp', wa_id: waId })) };
	});

	for (const method of ['POST', 'DELETE'] as const) {
		fastify.route<{ Params: { version: string; id: string }; Body: unknown }>({
			method,
			url: '/:version/:id/block_users',
			handler: async (request, reply) => {
				const number = phoneNumberFor(sim, request, request.params.id);
				const inputs = usersOf(request.body);
				const results = inputs.map((input) => (method === 'POST' ? block(sim, number, input) : unblock(sim, number, input)));
				const done = results.filter((result) => !result.errors);
				const failed = results.filter((result) => result.errors);
				const lists = { [method === 'POST' ? 'added_users' : 'removed_users']: done, ...(failed.length > 0 ? { failed_users: failed } : {}) };
				if (failed.length === 0) return { messaging_product: 'whatsapp', block_users: lists };
				const error = new GraphError({ code: 139100, httpStatus: 400, title: 'Failed to block/unblock users', details: `Failed to ${method === 'POST' ? 'block' : 'unblock'} some users, see the block_users response list for details` });
				sim.stats.recordError(error.code);
				return reply.code(400).send({ messaging_product: 'whatsapp', block_users: lists, ...error.toBody(maybeGraphContext(request)?.traceId ?? newTraceId()) });
			},
		});
	}
}

function usersOf(body: unknown): string[] {
	const object = (body ?? {}) as { messaging_product?: unknown; block_users?: unknown };
	if (object.messaging_product !== 'whatsapp') throw graphErrors.invalidParameter('messaging_product must be "whatsapp"', { field: 'messaging_product' });
	const list = object.block_users;
	if (!Array.isArray(list) || list.length === 0) throw graphErrors.invalidParameter('block_users must be a non-empty array of {user}', { field: 'block_users' });
	if (list.length > MAX_USERS_PER_REQUEST) throw graphErrors.invalidParameter(`block_users holds at most ${MAX_USERS_PER_REQUEST} users`, { field: 'block_users' });
	return list.map((entry, index) => {
		const user = (entry as { user?: unknown } | null)?.user;
		if (typeof user !== 'string' || user.length === 0) throw graphErrors.invalidParameter(`block_users[${index}].user must be a phone number or WhatsApp ID`, { field: `block_users[${index}].user` });
		return user;
	});
}

const failure = (input: string, code: number, message: string, details: string, waId?: string): UserResult => ({ input, ...(waId ? { wa_id: waId } : {}), errors: [{ message, code, error_data: { details } }] });

/** A phone number or wa_id as the wa_id it names; undefined when it is not a phone number at all. */
function waIdOf(input: string): string | undefined {
	const digits = input.replace(/[\s()+.-]/g, '');
	return /^[0-9]{6,20}$/.test(digits) ? digits : undefined;
}

function block(sim: Simulator, number: SimPhoneNumber, input: string): UserResult {
	const waId = waIdOf(input);
	if (!waId) return failure(input, 100, 'Invalid parameter', 'Invalid phone number');
	if (waId === number.displayPhoneNumber.replace(/\D/g, '')) return failure(input, 100, 'Invalid parameter', 'A business cannot block its own number', waId);
	if (!sim.blocklists.has(number.phoneNumberId, waId) && !sim.windows.isOpen(number.phoneNumberId, waId, sim.clock.now(), sim.config.serviceWindowMs)) {
		return failure(input, 131047, 'Re-engagement required', 'User has not messaged in the last 24 hours', waId);
	}
	if (!sim.blocklists.add(number.phoneNumberId, waId)) return failure(input, 139101, 'Blocklist limit reached', 'The blocklist has reached its 64,000 user limit', waId);
	return { input, wa_id: waId };
}

function unblock(sim: Simulator, number: SimPhoneNumber, input: string): UserResult {
	const waId = waIdOf(input);
	if (!waId) return failure(input, 100, 'Invalid parameter', 'Invalid phone number');
	sim.blocklists.remove(number.phoneNumberId, waId);
	return { input, wa_id: waId };
}
