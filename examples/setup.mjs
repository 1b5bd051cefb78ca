// What `npm run n8n` and the end-to-end suite (scripts/e2e.mjs) share to prepare an n8n for these examples:
// the tenant credential and the example workflows pointed at it. The suite runs the examples themselves, so an
// example that stops working fails CI instead of a newcomer's first try.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rest } from '../scripts/n8n/index.mjs';

export const EXAMPLES_DIR = path.dirname(fileURLToPath(import.meta.url));
export const CREDENTIAL_TYPE = 'whatsAppTenantApi';
export const SANDBOX_CREDENTIAL_NAME = 'WhatsApp sandbox tenant';

/** The examples by short name (file name without "whatsapp-" and ".json"). */
export const EXAMPLES = Object.freeze({
	sendEveryType: 'whatsapp-business-send-every-type.json',
	autoReply: 'whatsapp-business-auto-reply.json',
	askAndWait: 'whatsapp-business-ask-and-wait.json',
	webAutoReply: 'whatsapp-web-auto-reply.json',
	resubmitTemplate: 'whatsapp-business-resubmit-rejected-template.json',
});

export function loadExample(key) {
	const file = EXAMPLES[key] ?? key;
	return JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8'));
}

/**
 * A copy of the workflow whose tenant credential references name the given credential. The files carry a
 * placeholder id; n8n keeps references by id, so an import without this would leave every node unconfigured.
 */
export function bindCredential(workflow, credential) {
	const copy = structuredClone(workflow);
	for (const node of copy.nodes) {
		if (node.credentials?.[CREDENTIAL_TYPE]) node.credentials[CREDENTIAL_TYPE] = { id: credential.id, name: credential.name };
	}
	return copy;
}

/**
 * A copy of the workflow whose webhook nodes have new webhook ids. The files carry fixed ids (so an import by hand
 * works as is); a second import of the same file into one n8n, or another n8n on the same port, would otherwise
 * listen at the same URL and receive every event twice.
 */
export function withFreshWebhookIds(workflow) {
	const copy = structuredClone(workflow);
	for (const node of copy.nodes) if (node.webhookId) node.webhookId = crypto.randomUUID();
	return copy;
}

/** An example ready to import into one n8n: bound to its credential, with webhook URLs of its own. */
export function prepareExample(key, credential) {
	return withFreshWebhookIds(bindCredential(loadExample(key), credential));
}

/**
 * Creates the tenant credential, or updates the one of that name (a restarted service may have minted a new key).
 * Uses n8n's internal REST API because 1.x's public API rejects this credential type (it asks for an
 * "allowedDomains" field the type does not have); the same call works on 2.x.
 * @returns {Promise<{id: string, name: string, type: string}>}
 */
export async function upsertTenantCredential(ctx, { serviceUrl, apiKey }, name = SANDBOX_CREDENTIAL_NAME) {
	const body = { name, type: CREDENTIAL_TYPE, data: { serviceUrl, apiKey } };
	const existing = ((await rest(ctx, 'GET', '/credentials')).data ?? []).find((c) => c.type === CREDENTIAL_TYPE && c.name === name);
	const saved = existing ? await rest(ctx, 'PATCH', `/credentials/${existing.id}`, body) : await rest(ctx, 'POST', '/credentials', body);
	const data = saved.data ?? saved;
	return { id: data.id, name: data.name, type: data.type };
}
