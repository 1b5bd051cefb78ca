import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/** Every n8n context our nodes call the service from. */
export type ServiceContext = IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions | IWebhookFunctions;

export type ServiceCredential = 'whatsAppTenantApi' | 'whatsAppServiceAdminApi';

export interface ServiceRequest {
	method: IHttpRequestMethods;
	path: string;
	/** JSON, or a ready-made multipart body (a Buffer; set its content-type in headers). */
	body?: IDataObject | IDataObject[] | FormData | Buffer;
	qs?: IDataObject;
	headers?: IDataObject;
	/** Platform admin keys act on the tenant named here (X-Tenant-Id). */
	tenantId?: string;
	/** Binary answers (media downloads): the body comes back as a Buffer with its headers. */
	binary?: boolean;
	itemIndex?: number;
}

/** The service's error body: `{error:{code,message,details}}`. */
interface ServiceErrorBody {
	error?: { code?: string; message?: string; details?: IDataObject };
}

function baseUrlOf(credentials: IDataObject): string {
	return String(credentials.serviceUrl ?? '').replace(/\/+$/, '');
}

/**
 * Turns a failed call into an n8n error that says what the service said: its message, the fields it named,
 * and for provider failures Meta's code and hint (e.g. 131047 "outside the 24-hour window; send a template").
 */
export function toNodeApiError(context: ServiceContext, error: unknown, itemIndex?: number): NodeApiError {
	const failure = error as { httpCode?: string; response?: { status?: number; data?: unknown; body?: unknown }; cause?: { response?: { status?: number; data?: unknown } }; message?: string };
	const response = failure.response ?? failure.cause?.response;
	const data = (response as { data?: unknown } | undefined)?.data ?? (response as { body?: unknown } | undefined)?.body;
	const parsed = (typeof data === 'string' ? safeJson(data) : Buffer.isBuffer(data) ? safeJson(data.toString('utf8')) : data) as ServiceErrorBody | undefined;
	const status = response?.status ?? (failure.httpCode ? Number(failure.httpCode) : undefined);
	const serviceError = parsed?.error;
	if (!serviceError?.message) {
		return new NodeApiError(context.getNode(), { message: failure.message ?? 'Request to the WhatsApp service failed' } as JsonObject, {
			itemIndex,
			message: status ? `The WhatsApp service answered ${status}` : `Could not reach the WhatsApp service: ${failure.message ?? 'unknown error'}`,
			description: 'Check the Service URL in the credential and that the companion service is running.',
			httpCode: status ? String(status) : undefined,
		});
	}
	const details = serviceError.details ?? {};
	const fields = Array.isArray(details.fields) ? (details.fields as Array<{ field: string; message: string }>) : [];
	const description = [
		fields.length ? `Fields: ${fields.map((f) => `${f.field} ${f.message}`).join('; ')}` : undefined,
		details.providerCode !== undefined ? `WhatsApp error code: ${String(details.providerCode)}` : undefined,
		details.hint ? `Hint: ${String(details.hint)}` : undefined,
		details.retryable !== undefined ? `Retryable: ${details.retryable ? 'yes' : 'no'}` : undefined,
	]
		.filter(Boolean)
		.join('\n');
	return new NodeApiError(context.getNode(), { ...(serviceError as JsonObject) }, {
		itemIndex,
		message: serviceError.message,
		description: description || undefined,
		httpCode: status ? String(status) : undefined,
	});
}

function safeJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

/**
 * The one place our nodes talk to the companion service: credentials decide URL and key, n8n's helper sends it,
 * and failures become NodeApiErrors naming what went wrong.
 */
export async function serviceRequest<T>(context: ServiceContext, credential: ServiceCredential, request: ServiceRequest): Promise<T> {
	const credentials = await context.getCredentials(credential);
	const options: IHttpRequestOptions = {
		method: request.method,
		baseURL: baseUrlOf(credentials),
		url: request.path,
		qs: request.qs,
		headers: { ...(request.headers ?? {}), ...(request.tenantId ? { 'X-Tenant-Id': request.tenantId } : {}) },
		json: !(request.body instanceof FormData) && !Buffer.isBuffer(request.body) && !request.binary,
		...(request.body !== undefined ? { body: request.body } : {}),
		...(request.binary ? { encoding: 'arraybuffer' as const, returnFullResponse: true } : {}),
	};
	try {
		return (await context.helpers.httpRequestWithAuthentication.call(context, credential, options)) as T;
	} catch (error) {
		throw toNodeApiError(context, error, request.itemIndex);
	}
}
