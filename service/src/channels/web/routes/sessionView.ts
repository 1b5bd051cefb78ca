import type { BrowserUsage } from '../driver';
import type { WebSession } from '../sessions/webSession';

/** A session as the API shows it: no internal ids, no lease internals beyond who runs it. */
export function sessionView(session: WebSession, qrMaxRotations: number, browser?: BrowserUsage) {
	return {
		name: session.name,
		status: session.status,
		reason: session.reason,
		statusChangedAt: session.statusChangedAt,
		isDefault: session.isDefault,
		desiredState: session.desired,
		loginMethod: session.pairingCode || (session.pairingPhone && !session.qr) ? ('pairing' as const) : ('qr' as const),
		pairingPhoneNumber: session.pairingPhone,
		me: session.me,
		qr: session.qr ? { rotation: session.qr.rotation, maxRotations: qrMaxRotations } : null,
		settings: session.settings,
		// The replica's address is infrastructure, not the tenant's business: only its id is shown.
		worker: session.owner && session.owner.leaseExpiresAt > new Date().toISOString() ? { id: session.owner.id, leaseExpiresAt: session.owner.leaseExpiresAt } : null,
		// Only the replica running the browser can measure it.
		browser: browser ? { processes: browser.processes, memoryBytes: browser.memoryBytes } : null,
		createdAt: session.createdAt,
		updatedAt: session.updatedAt,
	};
}
