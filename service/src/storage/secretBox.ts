import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for secrets at rest. Each value is bound to a context (table, column and row id) as associated
 * data, so a ciphertext copied into another row or column fails to open instead of leaking there.
 * Format: v1.<key fingerprint>.<iv>.<ciphertext>.<tag>, base64url parts.
 */
export class SecretBox {
	private readonly fingerprint: string;

	constructor(private readonly key: Buffer) {
		if (key.length !== 32) throw new Error('SecretBox needs a 32-byte key');
		this.fingerprint = createHash('sha256').update(key).digest('base64url').slice(0, 8);
	}

	seal(plaintext: string, context: string): string {
		const iv = randomBytes(12);
		const cipher = createCipheriv('aes-256-gcm', this.key, iv);
		cipher.setAAD(Buffer.from(context));
		const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
		return ['v1', this.fingerprint, iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
	}

	open(sealed: string, context: string): string {
		const [version, fingerprint, iv, body, tag] = sealed.split('.');
		if (version !== 'v1' || !iv || body === undefined || !tag) throw new Error('Stored secret is not in a known format');
		if (fingerprint !== this.fingerprint) throw new Error('Stored secret was encrypted with a different ENCRYPTION_KEY');
		const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
		decipher.setAAD(Buffer.from(context));
		decipher.setAuthTag(Buffer.from(tag, 'base64url'));
		return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
	}
}

/** What responses show instead of a secret: enough to recognise it, never enough to use it. */
export function maskSecret(secret: string): string {
	return secret.length >= 16 ? `****${secret.slice(-4)}` : '****';
}
