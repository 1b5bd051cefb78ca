/**
 * Injected misbehaviour, so clients can be tested against the failures Meta really produces: 5xx answers,
 * requests that hang, added latency, duplicated and reordered webhooks, recipients that never receive.
 * A fault fires with its probability until its count (if any) is used up; filters narrow where it applies.
 */
export type FaultKind = 'http_error' | 'timeout' | 'latency' | 'duplicate_webhooks' | 'out_of_order_webhooks' | 'undeliverable';
export const FAULT_KINDS: readonly FaultKind[] = ['http_error', 'timeout', 'latency', 'duplicate_webhooks', 'out_of_order_webhooks', 'undeliverable'];

/** Which Graph requests an HTTP-level fault (error, timeout, latency) applies to. */
export type FaultScope = 'messages' | 'media' | 'templates' | 'all';
export const FAULT_SCOPES: readonly FaultScope[] = ['messages', 'media', 'templates', 'all'];

export interface FaultSpec {
	kind: FaultKind;
	/** Chance per opportunity, 0..1 (default 1). */
	probability?: number;
	/** Fire at most this many times, then disappear (default: until cleared). */
	count?: number;
	scope?: FaultScope;
	phoneNumberId?: string;
	/** Only for sends to these recipients (wa ids). */
	recipients?: string[];
	/** http_error: HTTP status (default 500) and Graph code (default 131000, or 131016 for 503). */
	status?: number;
	code?: number;
	/** timeout: how long the request hangs before its socket is destroyed (default 30 s). */
	hangMs?: number;
	/** timeout: whether the hung send still goes out (the client cannot tell; default false). */
	processed?: boolean;
	/** latency: fixed delay plus up to jitterMs more. */
	ms?: number;
	jitterMs?: number;
}

export interface Fault extends Required<Pick<FaultSpec, 'kind' | 'probability' | 'scope'>> {
	id: string;
	remaining?: number;
	phoneNumberId?: string;
	recipients?: string[];
	status: number;
	code: number;
	hangMs: number;
	processed: boolean;
	ms: number;
	jitterMs: number;
	fired: number;
}

export interface FaultContext {
	scope: Exclude<FaultScope, 'all'>;
	phoneNumberId?: string;
	recipient?: string;
}

export class FaultInjector {
	private readonly faults = new Map<string, Fault>();
	private sequence = 0;

	constructor(private readonly random: () => number) {}

	add(spec: FaultSpec): Fault {
		const status = spec.status ?? 500;
		const fault: Fault = {
			id: `fault_${++this.sequence}`,
			kind: spec.kind,
			probability: spec.probability ?? 1,
			scope: spec.scope ?? 'messages',
			remaining: spec.count,
			phoneNumberId: spec.phoneNumberId,
			recipients: spec.recipients?.map((r) => r.replace(/\D/g, '')),
			status,
			code: spec.code ?? (status === 503 ? 131016 : 131000),
			hangMs: spec.hangMs ?? 30_000,
			processed: spec.processed ?? false,
			ms: spec.ms ?? 0,
			jitterMs: spec.jitterMs ?? 0,
			fired: 0,
		};
		this.faults.set(fault.id, fault);
		return fault;
	}

	/** The first matching fault that fires now, consuming one of its uses. */
	take(kind: FaultKind, context: FaultContext): Fault | undefined {
		if (this.faults.size === 0) return undefined;
		for (const fault of this.faults.values()) {
			if (fault.kind !== kind || !this.matches(fault, context)) continue;
			if (fault.probability < 1 && this.random() >= fault.probability) continue;
			fault.fired++;
			if (fault.remaining !== undefined) {
				fault.remaining--;
				if (fault.remaining <= 0) this.faults.delete(fault.id);
			}
			return fault;
		}
		return undefined;
	}

	get isEmpty(): boolean {
		return this.faults.size === 0;
	}

	list(): Fault[] {
		return [...this.faults.values()];
	}

	remove(id: string): boolean {
		return this.faults.delete(id);
	}

	clear(): void {
		this.faults.clear();
	}

	private matches(fault: Fault, context: FaultContext): boolean {
		if (fault.scope !== 'all' && fault.scope !== context.scope) return false;
		if (fault.phoneNumberId !== undefined && fault.phoneNumberId !== context.phoneNumberId) return false;
		if (fault.recipients !== undefined && (context.recipient === undefined || !fault.recipients.includes(context.recipient))) return false;
		return true;
	}
}
