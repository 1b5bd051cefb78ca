/**
 * The 24-hour customer-service window per (business number, user): it opens when the user writes, and
 * while it is open the business may send free-form messages. Outside it only templates are delivered.
 */
export const SERVICE_WINDOW_MS = 24 * 3600 * 1000;

export class ServiceWindows {
	private readonly lastInbound = new Map<string, number>();

	open(phoneNumberId: string, waId: string, at: number): void {
		this.lastInbound.set(key(phoneNumberId, waId), at);
	}

	isOpen(phoneNumberId: string, waId: string, now: number, windowMs = SERVICE_WINDOW_MS): boolean {
		const last = this.lastInbound.get(key(phoneNumberId, waId));
		return last !== undefined && now - last < windowMs;
	}

	/** When the window closes, or undefined when it is not open. */
	closesAt(phoneNumberId: string, waId: string, windowMs = SERVICE_WINDOW_MS): number | undefined {
		const last = this.lastInbound.get(key(phoneNumberId, waId));
		return last === undefined ? undefined : last + windowMs;
	}

	clear(): void {
		this.lastInbound.clear();
	}
}

function key(phoneNumberId: string, waId: string): string {
	return `${phoneNumberId}|${waId}`;
}
