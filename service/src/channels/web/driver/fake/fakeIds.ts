import { createHash, randomBytes } from 'node:crypto';

/** Uppercase hex key ids shaped like WhatsApp's: 32 chars from Android phones, 3EB0... from WhatsApp Web. */
export function phoneMessageKeyId(): string {
	return randomBytes(16).toString('hex').toUpperCase();
}

export function webMessageKeyId(): string {
	return `3EB0${randomBytes(9).toString('hex').toUpperCase()}`;
}

/** Library MessageId._serialized: `fromMe_remote_id[_participant]`. */
export function serializeMessageId(fromMe: boolean, remote: string, id: string, participant?: string): string {
	return `${fromMe}_${remote}_${id}${participant ? `_${participant}` : ''}`;
}

/** A QR payload in the library's format: `ref,staticKeyB64,identityKeyB64,advSecretKey,platform`. */
export function fakeQr(): string {
	const b64 = (bytes: number): string => randomBytes(bytes).toString('base64');
	return [`2@${b64(48)}`, b64(32), b64(32), b64(32), 'WEB'].join(',');
}

/** Pairing codes are 8 characters from WhatsApp's alphabet (no 0/O/1/I confusion). */
export function fakePairingCode(): string {
	const alphabet = '123456789ABCDEFGHJKLMNPQRSTVWXYZ';
	return [...randomBytes(8)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

/** Deterministic own number per session key, so a restored session keeps its identity. */
export function fakeOwnNumber(sessionKey: string): string {
	const digits = BigInt(`0x${createHash('sha256').update(sessionKey).digest('hex').slice(0, 12)}`).toString().slice(-9);
	return `1555${digits.padStart(9, '0')}`;
}

export function userOf(chatOrUserId: string): string {
	return chatOrUserId.split('@', 1)[0] ?? chatOrUserId;
}

export function nowSeconds(): number {
	return Math.floor(Date.now() / 1000);
}
