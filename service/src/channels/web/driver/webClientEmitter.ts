import { EventEmitter } from 'node:events';
import type { DriverLogger } from './driverLogger';
import type { WebClientEventName, WebClientEvents } from './webEvents';

type Listener<E extends WebClientEventName> = (...args: WebClientEvents[E]) => void;
type AnyListener = (...args: unknown[]) => void;

/**
 * Typed event surface shared by the real and fake clients. A listener that throws is logged, not
 * propagated: the emit sites are library callbacks and timers where an exception would be lost or
 * would break the client's own state handling.
 */
export abstract class WebClientEmitter {
	private readonly emitter = new EventEmitter();

	protected constructor(protected readonly logger: DriverLogger) {
		// One session manager plus a few observers per client; more means a leak.
		this.emitter.setMaxListeners(20);
	}

	on<E extends WebClientEventName>(event: E, listener: Listener<E>): this {
		this.emitter.on(event, listener as AnyListener);
		return this;
	}

	once<E extends WebClientEventName>(event: E, listener: Listener<E>): this {
		this.emitter.once(event, listener as AnyListener);
		return this;
	}

	off<E extends WebClientEventName>(event: E, listener: Listener<E>): this {
		this.emitter.off(event, listener as AnyListener);
		return this;
	}

	removeAllListeners(event?: WebClientEventName): this {
		this.emitter.removeAllListeners(event);
		return this;
	}

	listenerCount(event: WebClientEventName): number {
		return this.emitter.listenerCount(event);
	}

	protected emit<E extends WebClientEventName>(event: E, ...args: WebClientEvents[E]): void {
		for (const listener of this.emitter.rawListeners(event) as AnyListener[]) {
			try {
				listener(...args);
			} catch (error) {
				this.logger.error({ err: error, event }, 'web client event listener threw');
			}
		}
		// rawListeners returns once-wrappers that remove themselves when called, so nothing else to do.
	}
}
