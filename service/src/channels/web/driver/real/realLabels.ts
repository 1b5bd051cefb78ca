import type { Client as LibraryClient, Label } from 'whatsapp-web.js';
import type { WebLabel } from '../webClient';
import { WebDriverError } from '../webDriverError';

const toWebLabel = (label: Label): WebLabel => ({ id: String(label.id), name: label.name, color: label.hexColor || null });

/** The library refuses labels on personal accounts with "[LT01] Only Whatsapp business". */
function refusal(error: unknown): WebDriverError {
	if (/LT01|Only Whatsapp business/i.test(String(error))) return new WebDriverError('not_allowed', 'labels need a WhatsApp Business app account', { cause: error });
	return new WebDriverError('send_failed', `labels failed: ${String(error)}`, { cause: error });
}

export async function listLibraryLabels(library: LibraryClient): Promise<WebLabel[]> {
	return (await library.getLabels().catch((error: unknown) => Promise.reject(refusal(error)))).map(toWebLabel);
}

export async function libraryChatLabels(library: LibraryClient, chatId: string): Promise<WebLabel[]> {
	if (!(await library.getChatById(chatId).catch(() => undefined))) throw new WebDriverError('chat_not_found', `no chat ${chatId}`);
	return (await library.getChatLabels(chatId).catch((error: unknown) => Promise.reject(refusal(error)))).map(toWebLabel);
}

/** addOrRemoveLabels gives the chats exactly the labels named (it removes the others). */
export async function setLibraryChatLabels(library: LibraryClient, chatId: string, labelIds: readonly string[]): Promise<WebLabel[]> {
	const known = await listLibraryLabels(library);
	const unknown = labelIds.find((id) => !known.some((label) => label.id === id));
	if (unknown !== undefined) throw new WebDriverError('invalid_argument', `names no label of this account (${unknown}); see GET /v1/web/sessions/{name}/labels`);
	if (!(await library.getChatById(chatId).catch(() => undefined))) throw new WebDriverError('chat_not_found', `no chat ${chatId}`);
	await library.addOrRemoveLabels([...labelIds], [chatId]).catch((error: unknown) => Promise.reject(refusal(error)));
	return libraryChatLabels(library, chatId);
}
