import { contactToVCard, vCardToContact } from '../../../../../service/src/channels/web/normalize/vcard';
import type { ContactCard } from '../../../../../service/src/channels/messages';

describe("Meta's contact object and vCard", () => {
	test('every field survives a round trip, including characters vCard escapes', () => {
		const card: ContactCard = {
			name: { formatted_name: 'Dr. Jane Q. Doe, Jr.', first_name: 'Jane', last_name: 'Doe', middle_name: 'Q.', prefix: 'Dr.', suffix: 'Jr.' },
			phones: [
				{ phone: '+1 202 555 0108', type: 'CELL', wa_id: '12025550108' },
				{ phone: '+1 202 555 0199', type: 'WORK' },
			],
			emails: [{ email: 'jane@example.com', type: 'HOME' }],
			addresses: [{ street: '1 Main St; Apt 2', city: 'Springfield', state: 'IL', zip: '62701', country: 'USA', type: 'HOME' }],
			org: { company: 'Acme, Inc.', department: 'R&D', title: 'Chief; Scientist' },
			urls: [{ url: 'https://example.com/jane', type: 'WORK' }],
			birthday: '1990-04-01',
		};
		const vcard = contactToVCard(card);
		expect(vcard).toMatch(/^BEGIN:VCARD\nVERSION:3\.0\n/);
		expect(vcard).toContain('FN:Dr. Jane Q. Doe\\, Jr.');
		expect(vcard).toContain('TEL;TYPE=CELL;waid=12025550108:+1 202 555 0108');
		// Without a wa_id, the number's digits still become the waid WhatsApp links to.
		expect(vcard).toContain('TEL;TYPE=WORK;waid=12025550199:+1 202 555 0199');
		expect(vcardToCardWithoutDerivedWaid(vCardToContact(vcard))).toEqual(card);
	});

	test('vCards from phones (folded lines, grouped properties, lowercase params) read as Meta contacts', () => {
		const fromPhone = ['BEGIN:VCARD', 'VERSION:3.0', 'FN:Grace', ' Hopper', 'item1.TEL;waid=15550002222:+1 555 000 2222', 'item1.X-ABLabel:Mobile', 'email;type=work:grace@example.com', 'END:VCARD'].join('\r\n');
		expect(vCardToContact(fromPhone)).toEqual({
			name: { formatted_name: 'GraceHopper' },
			phones: [{ phone: '+1 555 000 2222', wa_id: '15550002222' }],
			emails: [{ email: 'grace@example.com', type: 'WORK' }],
		});
	});
});

/** The second phone had no wa_id going in; the vCard carries the digits as waid, which reads back as its wa_id. */
function vcardToCardWithoutDerivedWaid(card: ContactCard): ContactCard {
	return { ...card, phones: card.phones?.map((phone) => (phone.type === 'WORK' ? { phone: phone.phone, type: phone.type } : phone)) };
}
