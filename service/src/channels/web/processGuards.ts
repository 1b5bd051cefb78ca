import type { Logger } from '../../logging/logger';

/**
 * whatsapp-web.js leaves promises floating (pairing-code refreshes, destroy after a disconnect, its page hooks);
 * Node's default turns one unhandled rejection into a process exit, taking every session down. While Web
 * sessions run, such rejections are logged instead. Returns the function that removes the guard.
 */
export function guardUnhandledRejections(logger: Logger): () => void {
	const onRejection = (reason: unknown) => {
		logger.error({ err: reason instanceof Error ? reason : new Error(String(reason)) }, 'unhandled promise rejection (logged, not fatal: WhatsApp Web sessions keep running)');
	};
	process.on('unhandledRejection', onRejection);
	return () => process.off('unhandledRejection', onRejection);
}
