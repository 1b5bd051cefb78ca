/**
 * Counters the control API reports. `errorsByCode["130429"]` is what the benchmark reads to prove the
 * service's own limiter keeps it under Meta's throughput.
 */
export type StatusKind = 'sent' | 'delivered' | 'read' | 'failed';

export interface StatsSnapshot {
	graphRequests: number;
	sends: { accepted: number; rejected: number; markedRead: number; typingIndicators: number };
	errorsByCode: Record<string, number>;
	rateLimited130429: number;
	pairRateLimited131056: number;
	inboundInjected: number;
	statusesQueued: Record<StatusKind, number>;
	mediaUploaded: number;
	faultsTriggered: Record<string, number>;
}

export class SimulatorStats {
	graphRequests = 0;
	sendsAccepted = 0;
	sendsRejected = 0;
	markedRead = 0;
	typingIndicators = 0;
	inboundInjected = 0;
	mediaUploaded = 0;
	private readonly errors = new Map<number, number>();
	private readonly statuses: Record<StatusKind, number> = { sent: 0, delivered: 0, read: 0, failed: 0 };
	private readonly faults = new Map<string, number>();

	recordError(code: number): void {
		this.errors.set(code, (this.errors.get(code) ?? 0) + 1);
	}

	errorCount(code: number): number {
		return this.errors.get(code) ?? 0;
	}

	recordStatus(status: StatusKind): void {
		this.statuses[status]++;
	}

	recordFault(kind: string): void {
		this.faults.set(kind, (this.faults.get(kind) ?? 0) + 1);
	}

	snapshot(): StatsSnapshot {
		return {
			graphRequests: this.graphRequests,
			sends: { accepted: this.sendsAccepted, rejected: this.sendsRejected, markedRead: this.markedRead, typingIndicators: this.typingIndicators },
			errorsByCode: Object.fromEntries([...this.errors].map(([code, count]) => [String(code), count])),
			rateLimited130429: this.errorCount(130429),
			pairRateLimited131056: this.errorCount(131056),
			inboundInjected: this.inboundInjected,
			statusesQueued: { ...this.statuses },
			mediaUploaded: this.mediaUploaded,
			faultsTriggered: Object.fromEntries(this.faults),
		};
	}

	reset(): void {
		this.graphRequests = 0;
		this.sendsAccepted = 0;
		this.sendsRejected = 0;
		this.markedRead = 0;
		this.typingIndicators = 0;
		this.inboundInjected = 0;
		this.mediaUploaded = 0;
		this.errors.clear();
		this.faults.clear();
		for (const key of Object.keys(this.statuses) as StatusKind[]) this.statuses[key] = 0;
	}
}
