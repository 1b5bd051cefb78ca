import type { WebLabel } from '../webClient';
import { WebDriverError } from '../webDriverError';

/** The labels a new WhatsApp Business app account starts with. */
const STARTER_LABELS: readonly WebLabel[] = [
	{ id: '1', name: 'New customer', color: '#a62c71' },
	{ id: '2', name: 'New order', color: '#8b6990' },
	{ id: '3', name: 'Pending payment', color: '#54c166' },
	{ id: '4', name: 'Paid', color: '#ff9485' },
	{ id: '5', name: 'Order complete', color: '#ffc5c7' },
];

/** Labels of a fake Business app account and which chats carry them; a personal account has none (not_allowed). */
export class FakeLabels {
	private readonly byChat = new Map<string, Set<string>>();
	/** Test helper: false plays a personal WhatsApp account, which WhatsApp gives no labels. */
	businessAccount = true;

	list(): WebLabel[] {
		this.requireBusiness();
		return [...STARTER_LABELS];
	}

	ofChat(chatId: string): WebLabel[] {
		this.requireBusiness();
		const ids = this.byChat.get(chatId) ?? new Set();
		return STARTER_LABELS.filter((label) => ids.has(label.id));
	}

	set(chatId: string, labelIds: readonly string[]): WebLabel[] {
		this.requireBusiness();
		const unknown = labelIds.find((id) => !STARTER_LABELS.some((label) => label.id === id));
		if (unknown !== undefined) throw new WebDriverError('invalid_argument', `names no label of this account (${unknown}); see GET /v1/web/sessions/{name}/labels`);
		this.byChat.set(chatId, new Set(labelIds));
		return this.ofChat(chatId);
	}

	private requireBusiness(): void {
		if (!this.businessAccount) throw new WebDriverError('not_allowed', 'labels need a WhatsApp Business app account');
	}
}
