import { randomBytes } from 'node:crypto';

export interface MessageQrCode {
	code: string;
	phoneNumberId: string;
	prefilledMessage: string;
	createdAt: number;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Prefilled-message QR codes by code (Meta's look: 13 capitals and digits, then a 1). */
export class MessageQrCodes {
	private readonly codes = new Map<string, MessageQrCode>();

	create(phoneNumberId: string, prefilledMessage: string, now: number): MessageQrCode {
		const code = `${[...randomBytes(13)].map((byte) => ALPHABET[byte % ALPHABET.length]).join('')}1`;
		const record = { code, phoneNumberId, prefilledMessage, createdAt: now };
		this.codes.set(code, record);
		return record;
	}

	get(code: string): MessageQrCode | undefined {
		return this.codes.get(code);
	}

	of(phoneNumberId: string): MessageQrCode[] {
		return [...this.codes.values()].filter((record) => record.phoneNumberId === phoneNumberId);
	}

	delete(code: string): boolean {
		return this.codes.delete(code);
	}

	clear(): void {
		this.codes.clear();
	}
}
