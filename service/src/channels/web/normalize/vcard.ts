import type { ContactCard } from '../../messages';

/**
 * Meta's contact object and vCard 3.0, both ways: sends take Meta's object (the same for both channels) and
 * WhatsApp Web carries vCards; inbound vCards come back as Meta's object so triggers see one shape.
 */

const escape = (value: string) => value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/([,;])/g, '\\$1');
const unescape = (value: string) => value.replace(/\\n/gi, '\n').replace(/\\([,;\\])/g, '$1');

/** Meta's types (HOME, WORK, CELL, MAIN, IPHONE) as vCard TYPE parameters. */
const typeParam = (type: string | undefined) => (type ? `;TYPE=${type.toUpperCase().replace(/[^A-Z0-9-]/g, '')}` : '');

export function contactToVCard(contact: ContactCard): string {
	const name = contact.name;
	const lines = ['BEGIN:VCARD', 'VERSION:3.0'];
	lines.push(`N:${[name.last_name, name.first_name, name.middle_name, name.prefix, name.suffix].map((part) => escape(part ?? '')).join(';')}`);
	lines.push(`FN:${escape(name.formatted_name)}`);
	if (contact.org?.company || contact.org?.department) lines.push(`ORG:${escape(contact.org.company ?? '')}${contact.org.department ? `;${escape(contact.org.department)}` : ''}`);
	if (contact.org?.title) lines.push(`TITLE:${escape(contact.org.title)}`);
	for (const phone of contact.phones ?? []) {
		if (!phone.phone && !phone.wa_id) continue;
		// waid makes WhatsApp show "Message" / "Add" buttons for the number.
		const waid = phone.wa_id ?? phone.phone?.replace(/\D/g, '');
		lines.push(`TEL${typeParam(phone.type)}${waid ? `;waid=${waid}` : ''}:${escape(phone.phone ?? `+${phone.wa_id}`)}`);
	}
	for (const email of contact.emails ?? []) if (email.email) lines.push(`EMAIL${typeParam(email.type)}:${escape(email.email)}`);
	for (const address of contact.addresses ?? []) {
		const parts = ['', '', address.street, address.city, address.state, address.zip, address.country].map((part) => escape(part ?? ''));
		lines.push(`ADR${typeParam(address.type)}:${parts.join(';')}`);
	}
	for (const url of contact.urls ?? []) if (url.url) lines.push(`URL${typeParam(url.type)}:${escape(url.url)}`);
	if (contact.birthday) lines.push(`BDAY:${contact.birthday}`);
	lines.push('END:VCARD');
	return lines.join('\n');
}

interface VCardLine {
	name: string;
	params: Map<string, string>;
	value: string;
}

function parseLines(vcard: string): VCardLine[] {
	// Folded lines (RFC 6350 3.2) continue with a space or tab.
	const unfolded = vcard.replace(/\r?\n[ \t]/g, '');
	const lines: VCardLine[] = [];
	for (const raw of unfolded.split(/\r?\n/)) {
		const colon = raw.indexOf(':');
		if (colon <= 0) continue;
		const [head = '', ...paramParts] = raw.slice(0, colon).split(';');
		const params = new Map<string, string>();
		for (const part of paramParts) {
			const [key, value] = part.includes('=') ? part.split('=', 2) : ['TYPE', part];
			params.set((key ?? '').toUpperCase(), value ?? '');
		}
		// Grouped properties (item1.TEL) keep only the property name.
		lines.push({ name: head.replace(/^[^.]+\./, '').toUpperCase(), params, value: raw.slice(colon + 1) });
	}
	return lines;
}

const splitStructured = (value: string) => value.split(/(?<!\\);/).map(unescape);
const typeOf = (line: VCardLine) => line.params.get('TYPE')?.split(',')[0]?.toUpperCase() || undefined;

export function vCardToContact(vcard: string): ContactCard {
	const lines = parseLines(vcard);
	const first = (name: string) => lines.find((line) => line.name === name);
	const [last, given, middle, prefix, suffix] = splitStructured(first('N')?.value ?? '');
	const formatted = unescape(first('FN')?.value ?? '') || [given, last].filter(Boolean).join(' ') || 'Unknown';
	const card: ContactCard = {
		name: {
			formatted_name: formatted,
			...(given ? { first_name: given } : {}),
			...(last ? { last_name: last } : {}),
			...(middle ? { middle_name: middle } : {}),
			...(prefix ? { prefix } : {}),
			...(suffix ? { suffix } : {}),
		},
	};
	const phones = lines.filter((line) => line.name === 'TEL').map((line) => ({ phone: unescape(line.value), ...(typeOf(line) ? { type: typeOf(line) } : {}), ...(line.params.get('WAID') ? { wa_id: line.params.get('WAID') } : {}) }));
	if (phones.length > 0) card.phones = phones;
	const emails = lines.filter((line) => line.name === 'EMAIL').map((line) => ({ email: unescape(line.value), ...(typeOf(line) ? { type: typeOf(line) } : {}) }));
	if (emails.length > 0) card.emails = emails;
	const addresses = lines
		.filter((line) => line.name === 'ADR')
		.map((line) => {
			const [, , street, city, state, zip, country] = splitStructured(line.value);
			const fields = { street, city, state, zip, country };
			return { ...Object.fromEntries(Object.entries(fields).filter(([, value]) => value)), ...(typeOf(line) ? { type: typeOf(line) } : {}) };
		});
	if (addresses.length > 0) card.addresses = addresses;
	const org = first('ORG');
	const title = first('TITLE');
	if (org || title) {
		const [company, department] = splitStructured(org?.value ?? '');
		card.org = { ...(company ? { company } : {}), ...(department ? { department } : {}), ...(title ? { title: unescape(title.value) } : {}) };
	}
	const urls = lines.filter((line) => line.name === 'URL').map((line) => ({ url: unescape(line.value), ...(typeOf(line) ? { type: typeOf(line) } : {}) }));
	if (urls.length > 0) card.urls = urls;
	const birthday = first('BDAY')?.value;
	if (birthday && /^\d{4}-\d{2}-\d{2}$/.test(birthday)) card.birthday = birthday;
	return card;
}
