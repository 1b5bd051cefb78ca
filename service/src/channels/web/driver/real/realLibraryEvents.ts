import type { Client as LibraryClient, Call, GroupNotification, Message, PollVote, Reaction } from 'whatsapp-web.js';
import type { DriverLogger } from '../driverLogger';
import { WEB_GROUP_EVENTS, type DisconnectReason, type WAState, type WebAck, type WebClientEventName, type WebClientEvents } from '../webEvents';
import type { RealCalls } from './realCalls';
import { toWebGroupNotification, toWebMessage, toWebPollVote, toWebReaction } from './toSnapshot';

/** Where the library's events go: the client's own events, and the ones that move its life along. */
export interface LibraryEventSink {
	readonly sessionKey: string;
	readonly logger: DriverLogger;
	/** True once teardown started. */
	readonly closing: boolean;
	/** Incoming calls are kept here for rejectCall. */
	readonly calls: RealCalls;
	emit<E extends WebClientEventName>(event: E, ...args: WebClientEvents[E]): void;
	/** A QR or pairing code was offered (emitted already). */
	loginOffered(): void;
	/** After `authenticated` went out. */
	authenticated(): void;
	/** After `auth_failure` went out. */
	authFailed(message: string): void;
	/** Before `ready` goes out. */
	ready(): void;
	/** After `disconnected` went out. */
	disconnected(reason: DisconnectReason): void;
}

/** Passes the library's events on as the seam's, converted to snapshots; a failing conversion is logged. */
export function forwardLibraryEvents(client: LibraryClient, sink: LibraryEventSink): void {
	// Events arriving after teardown started are dropped: a closed client emits nothing.
	const on = (event: string, handler: (...args: never[]) => void): void => {
		client.on(event, (...args: unknown[]) => {
			if (sink.closing) return;
			try {
				(handler as (...values: unknown[]) => void)(...args);
			} catch (error) {
				sink.logger.error({ err: error, event, sessionKey: sink.sessionKey }, 'converting a library event failed');
			}
		});
	};
	on('qr', (qr: string) => {
		sink.loginOffered();
		sink.emit('qr', qr);
	});
	on('code', (code: string) => {
		sink.loginOffered();
		sink.emit('code', code);
	});
	on('authenticated', (payload: unknown) => {
		sink.emit('authenticated', payload);
		sink.authenticated();
	});
	on('auth_failure', (message: unknown) => {
		sink.emit('auth_failure', String(message));
		sink.authFailed(String(message));
	});
	on('ready', () => {
		sink.ready();
		sink.emit('ready');
	});
	on('loading_screen', (percent: number, message: string) => sink.emit('loading_screen', Number(percent), String(message)));
	on('change_state', (state: WAState) => sink.emit('change_state', state));
	on('disconnected', (reason: DisconnectReason) => {
		sink.emit('disconnected', reason);
		sink.disconnected(reason);
	});
	on('message', (message: Message) => sink.emit('message', toWebMessage(message)));
	on('message_create', (message: Message) => sink.emit('message_create', toWebMessage(message)));
	on('message_ack', (message: Message, ack: number) => sink.emit('message_ack', toWebMessage(message), ack as WebAck));
	on('message_revoke_everyone', (message: Message, revoked: Message | null | undefined) =>
		sink.emit('message_revoke_everyone', toWebMessage(message), revoked ? toWebMessage(revoked) : undefined),
	);
	on('message_edit', (message: Message, newBody: unknown, prevBody: unknown) =>
		sink.emit('message_edit', toWebMessage(message), String(newBody ?? ''), String(prevBody ?? '')),
	);
	on('message_reaction', (reaction: Reaction) => sink.emit('message_reaction', toWebReaction(reaction)));
	on('vote_update', (vote: PollVote) => sink.emit('vote_update', toWebPollVote(vote)));
	// Our own outgoing calls (placed from the phone) come through too; only incoming ones ring here.
	on('call', (call: Call) => {
		if (!call.fromMe) sink.emit('call', sink.calls.offered(call));
	});
	// The library's group notification events; each carries one GroupNotification and keeps its name on the seam.
	for (const event of WEB_GROUP_EVENTS) {
		on(event, (notification: GroupNotification) => sink.emit(event, toWebGroupNotification(notification)));
	}
	on('remote_session_saved', () => sink.emit('remote_session_saved'));
}
