import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const MAGIC = Buffer.from('WAZ1');
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM for session archives: they hold live WhatsApp credentials, so a copy of the database must not
 * be a copy of the logins. Binary (unlike SecretBox) because archives are megabytes of zip. The session id is
 * bound as associated data, so an archive moved to another session's row fails to open.
 * Layout: "WAZ1" | iv (12) | tag (16) | ciphertext.
 */
export class ArchiveCipher {
	constructor(private readonly key: Buffer) {
		if (key.length !== 32) throw new Error('ArchiveCipher needs a 32-byte key');
	}

	seal(plain: Buffer, sessionId: string): Buffer {
		const iv = randomBytes(IV_BYTES);
		const cipher = createCipheriv('aes-256-gcm', this.key, iv);
		cipher.setAAD(Buffer.from(`web_session_archives:${sessionId}`));
		const body = Buffer.concat([cipher.update(plain), cipher.final()]);
		return Buffer.concat([MAGIC, iv, cipher.getAuthTag(), body]);
	}

	open(sealed: Buffer, sessionId: string): Buffer {
		if (sealed.length < MAGIC.length + IV_BYTES + TAG_BYTES || !sealed.subarray(0, MAGIC.length).equals(MAGIC)) {
			throw new Error('Stored session archive is not in a known format');
		}
		const iv = sealed.subarray(MAGIC.length, MAGIC.length + IV_BYTES);
		const tag = sealed.subarray(MAGIC.length + IV_BYTES, MAGIC.length + IV_BYTES + TAG_BYTES);
		const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
		decipher.setAAD(Buffer.from(`web_session_archives:${sessionId}`));
		decipher.setAuthTag(tag);
		return Buffer.concat([decipher.update(sealed.subarray(MAGIC.length + IV_BYTES + TAG_BYTES)), decipher.final()]);
	}
}
