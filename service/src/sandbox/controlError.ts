/**
 * Failures of the control API (provisioning, injection, faults). They use the product's own error shape
 * `{error:{code,message,details}}`, not Meta's: the control API is ours, not a Graph imitation.
 */
export class ControlError extends Error {
	constructor(
		readonly statusCode: number,
		readonly code: string,
		message: string,
		readonly details?: Record<string, unknown>,
	) {
		super(message);
		this.name = 'ControlError';
	}

	toBody(): { error: { code: string; message: string; details?: Record<string, unknown> } } {
		return { error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) } };
	}
}

export const controlErrors = {
	badRequest: (message: string, details?: Record<string, unknown>) => new ControlError(400, 'bad_request', message, details),
	notFound: (what: string, id: string) => new ControlError(404, 'not_found', `${what} ${id} does not exist`, { [what]: id }),
	conflict: (message: string, details?: Record<string, unknown>) => new ControlError(409, 'conflict', message, details),
};
