import { invalidField } from '../../../shared/errors';

/** The links WhatsApp shares: https://chat.whatsapp.com/<code> for groups, https://whatsapp.com/channel/<code> for channels. */
const LINK_PREFIX = {
	group: /^(?:https?:\/\/)?chat\.whatsapp\.com\/(?:invite\/)?/i,
	channel: /^(?:https?:\/\/)?(?:www\.)?whatsapp\.com\/channel\//i,
} as const;
const EXAMPLE = { group: 'https://chat.whatsapp.com/…', channel: 'https://whatsapp.com/channel/…' } as const;

/** An invite link or a bare code to the code; anything else is 400 naming `field`. */
export function inviteCodeOf(invite: string, kind: keyof typeof LINK_PREFIX, field: string): string {
	const code = invite.trim().replace(LINK_PREFIX[kind], '').replace(/[/?#].*$/, '');
	if (!/^[A-Za-z0-9_-]{10,40}$/.test(code)) throw invalidField(field, `is neither an invite code nor a ${EXAMPLE[kind]} link`);
	return code;
}
