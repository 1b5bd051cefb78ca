import { WebDriverError } from '../webDriverError';

/** A whatsapp-web.js call; its failures are upstream failures (send_failed), named by what was being done. */
export async function libraryCall<T>(doing: string, work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (error) {
		throw new WebDriverError('send_failed', `${doing} failed: ${String(error)}`, { cause: error });
	}
}
