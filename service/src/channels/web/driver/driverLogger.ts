/** The slice of pino the driver uses, so callers can pass the service logger (or nothing). */
export interface DriverLogger {
	debug(obj: object, msg?: string): void;
	info(obj: object, msg?: string): void;
	warn(obj: object, msg?: string): void;
	error(obj: object, msg?: string): void;
}

const noop = (): void => undefined;

export const silentLogger: DriverLogger = { debug: noop, info: noop, warn: noop, error: noop };
