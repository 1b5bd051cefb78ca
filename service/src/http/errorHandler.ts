import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { App } from './app';
import { AppError, RunsOnAnotherReplica, type FieldProblem } from '../shared/errors';
import { canForward, forwardToReplica } from './replicaForwarding';

interface ValidationIssue {
	keyword: string;
	instancePath: string;
	params: Record<string, unknown>;
	message?: string;
}

/** Turns ajv's findings into field paths a user recognises: `body.template.name`, `query.limit`. */
export function fieldProblems(issues: readonly ValidationIssue[], part: string): FieldProblem[] {
	return issues.map((issue) => {
		const base = [part, ...issue.instancePath.split('/').filter(Boolean)].join('.');
		if (issue.keyword === 'required') return { field: `${base}.${String(issue.params.missingProperty)}`, message: 'is required' };
		if (issue.keyword === 'additionalProperties') return { field: `${base}.${String(issue.params.additionalProperty)}`, message: 'is not a known field' };
		return { field: base, message: issue.message ?? 'is invalid' };
	});
}

/**
 * Every failure leaves as `{error:{code,message,details}}`. Known errors keep their status; unknown ones are
 * logged with the request id and answered 500 without internals, so nothing private reaches a client. A request
 * for a Web session another replica runs is first handed to that replica (replicaForwarding).
 */
export function registerErrorHandling(app: App): void {
	app.setErrorHandler(async (error: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) => {
		if (error instanceof RunsOnAnotherReplica && canForward(request, error)) {
			const failure = await forwardToReplica(request, reply, error);
			if (!failure) return reply;
			error = failure;
		}
		if (error instanceof AppError) {
			if (error.status >= 500) request.log.error({ err: error }, error.message);
			return reply.status(error.status).headers(error.headers).send({ error: { code: error.code, message: error.message, details: error.details } });
		}
		const fastifyError = error as FastifyError;
		if (fastifyError.validation) {
			const fields = fieldProblems(fastifyError.validation as ValidationIssue[], fastifyError.validationContext ?? 'body');
			return reply.status(400).send({
				error: { code: 'validation_failed', message: `Invalid request: ${fields.map((f) => `${f.field} ${f.message}`).join('; ')}`, details: { fields } },
			});
		}
		const status = fastifyError.statusCode ?? 500;
		if (status === 413) {
			return reply.status(413).send({ error: { code: 'payload_too_large', message: 'Request body is too large', details: {} } });
		}
		if (status >= 400 && status < 500) {
			return reply.status(status).send({ error: { code: 'validation_failed', message: fastifyError.message, details: { fastifyCode: fastifyError.code } } });
		}
		request.log.error({ err: error }, 'Unhandled error');
		return reply.status(500).send({ error: { code: 'internal', message: 'Internal error; see the service log for request ' + request.id, details: { requestId: request.id } } });
	});

	app.setNotFoundHandler((request, reply) =>
		reply.status(404).send({ error: { code: 'not_found', message: `Route ${request.method} ${request.url.split('?')[0]} not found`, details: {} } }),
	);
}
