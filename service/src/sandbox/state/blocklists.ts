/** Meta's cap on one number's blocklist. */
export const BLOCKLIST_LIMIT = 64_000;

/** Who each business number has blocked (wa_ids, in the order they were blocked). */
export class Blocklists {
	private readonly lists = new Map<string, Set<string>>();

	has(phoneNumberId: string, waId: string): boolean {
		return this.lists.get(phoneNumberId)?.has(waId) ?? false;
	}

	/** False when the list is full (and the user not on it yet). */
	add(phoneNumberId: string, waId: string): boolean {
		let list = this.lists.get(phoneNumberId);
		if (!list) this.lists.set(phoneNumberId, (list = new Set()));
		if (!list.has(waId) && list.size >= BLOCKLIST_LIMIT) return false;
		list.add(waId);
		return true;
	}

	remove(phoneNumberId: string, waId: string): void {
		this.lists.get(phoneNumberId)?.delete(waId);
	}

	of(phoneNumberId: string): string[] {
		return [...(this.lists.get(phoneNumberId) ?? [])];
	}

	clear(): void {
		this.lists.clear();
	}
}
