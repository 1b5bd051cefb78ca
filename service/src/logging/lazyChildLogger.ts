import type { FastifyBaseLogger } from 'fastify';
import type { Bindings, ChildLoggerOptions, Level, Logger } from 'pino';

type LineWriter = (...line: unknown[]) => void;

const LEVELS: readonly Level[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'];

/**
 * Fastify gives every request a child logger; making one (pino's child, plus redaction run over its bindings) was
 * 3.5% of a busy process, and almost no request writes a line. This one becomes a real pino child on the first line
 * written at an enabled level, with the same bindings, so whatever is logged reads exactly as before. Its methods
 * live on the prototype: a request costs one small object, not a closure per level (those were 4% of everything an
 * ingest allocated).
 */
class LazyChildLogger {
	private made: FastifyBaseLogger | undefined;

	constructor(
		private readonly parent: FastifyBaseLogger,
		private readonly bindings: Bindings,
		private readonly options: ChildLoggerOptions,
	) {}

	private real(): FastifyBaseLogger {
		return (this.made ??= this.parent.child(this.bindings, this.options));
	}

	private write(level: Level, line: unknown[]): void {
		if (this.made || ((this.parent as unknown as Logger).isLevelEnabled?.(level) ?? true)) (this.real()[level] as LineWriter)(...line);
	}

	get level(): string {
		return (this.made ?? this.parent).level;
	}

	set level(value: string) {
		this.real().level = value;
	}

	silent(): void {}

	child(more: Bindings, moreOptions?: ChildLoggerOptions): FastifyBaseLogger {
		return this.real().child(more, moreOptions);
	}

	// One line writer per level, shared by every request's logger.
	static {
		for (const level of LEVELS) {
			(LazyChildLogger.prototype as unknown as Record<Level, LineWriter>)[level] = function (this: LazyChildLogger, ...line: unknown[]) {
				this.write(level, line);
			};
		}
	}
}

export function lazyChildLogger(parent: FastifyBaseLogger, bindings: Bindings, options: ChildLoggerOptions): FastifyBaseLogger {
	// A per-route level would change which lines are enabled: not worth being clever about.
	if (options.level !== undefined) return parent.child(bindings, options);
	return new LazyChildLogger(parent, bindings, options) as unknown as FastifyBaseLogger;
}
