import './env';
import path from 'node:path';
import { BinaryDataService, InstanceSettings } from 'n8n-core';

/**
 * n8n-core's dependency container. It must be the copy n8n-core itself resolves (a second copy of @n8n/di would be
 * a second, empty container), so it is loaded from n8n-core's own location.
 */
const { Container } = require(require.resolve('@n8n/di', { paths: [path.dirname(require.resolve('n8n-core'))] })) as { Container: { get<T>(type: new (...args: never[]) => T): T } };

let binaryDataReady: Promise<void> | undefined;

/** Binary data (prepareBinaryData, getBinaryDataBuffer) needs its service initialised once per process. */
export function ensureBinaryData(): Promise<void> {
	binaryDataReady ??= Container.get(BinaryDataService).init();
	return binaryDataReady;
}

/** The secret n8n signs resume URLs with (getSignedResumeUrl). */
export function hmacSignatureSecret(): string {
	return Container.get(InstanceSettings).hmacSignatureSecret;
}

/** The bytes of a binary entry in an item (n8n keeps them in its binary data store, not in the item). */
export async function binaryContent(binary: import('n8n-workflow').IBinaryData): Promise<Buffer> {
	return Container.get(BinaryDataService).getAsBuffer(binary);
}
