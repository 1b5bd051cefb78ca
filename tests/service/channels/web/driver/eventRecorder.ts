import type { WebClient } from '../../../../../service/src/channels/web/driver/webClient';
import type { WebClientEventName, WebClientEvents } from '../../../../../service/src/channels/web/driver/webEvents';

export const ALL_EVENTS: readonly WebClientEventName[] = [
	'qr',
	'code',
	'authenticated',
	'auth_failure',
	'ready',
	'loading_screen',
	'change_state',
	'disconnected',
	'message',
	'message_create',
	'message_ack',
	'message_revoke_everyone',
	'message_edit',
	'message_reaction',
	'vote_update',
	'group_join',
	'group_leave',
	'group_admin_changed',
	'group_membership_request',
	'group_update',
	'remote_session_saved',
	'browser_crashed',
	'driver_error',
];

export interface RecordedEvent {
	readonly name: WebClientEventName;
	readonly args: unknown[];
}

/** Records every event a client emits, in order, and lets a test wait for one. */
export class EventRecorder {
	readonly events: RecordedEvent[] = [];
	private waiters: { name: WebClientEventName; count: number; resolve: () => void }[] = [];

	constructor(client: WebClient) {
		for (const name of ALL_EVENTS) {
			client.on(name, (...args: WebClientEvents[typeof name]) => {
				this.events.push({ name, args });
				this.waiters = this.waiters.filter((waiter) => {
					if (this.count(waiter.name) < waiter.count) return true;
					waiter.resolve();
					return false;
				});
			});
		}
	}

	names(): WebClientEventName[] {
		return this.events.map((event) => event.name);
	}

	count(name: WebClientEventName): number {
		return this.events.filter((event) => event.name === name).length;
	}

	args<E extends WebClientEventName>(name: E): WebClientEvents[E][] {
		return this.events.filter((event) => event.name === name).map((event) => event.args as WebClientEvents[E]);
	}

	/** Resolves once `name` has been emitted `count` times in total. */
	waitFor(name: WebClientEventName, count = 1, timeoutMs = 5000): Promise<void> {
		if (this.count(name) >= count) return Promise.resolve();
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`timed out waiting for ${count}x ${name}; saw ${this.names().join(',')}`)), timeoutMs);
			this.waiters.push({
				name,
				count,
				resolve: () => {
					clearTimeout(timer);
					resolve();
				},
			});
		});
	}
}
