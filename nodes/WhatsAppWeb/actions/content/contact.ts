import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { MessageContent } from '../../../shared/transport/api/messages';
import { shownWhen, type ShowWhen } from './showWhen';

export function contactFields(when?: ShowWhen): INodeProperties[] {
	return shownWhen(
		[
			{ displayName: 'Contact Name', name: 'contactName', type: 'string', default: '', required: true, placeholder: 'Jane Doe', description: 'The name shown on the contact card' },
			{ displayName: 'Contact Phone Number', name: 'contactPhone', type: 'string', default: '', required: true, placeholder: '+1 202 555 0108', description: 'In international format; WhatsApp offers to message it' },
			{
				displayName: 'Contact Details',
				name: 'contactDetails',
				type: 'collection',
				placeholder: 'Add Detail',
				default: {},
				options: [
					{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' },
					{ displayName: 'Organization', name: 'organization', type: 'string', default: '' },
					{ displayName: 'Website', name: 'url', type: 'string', default: '', placeholder: 'https://example.com' },
				],
			},
		],
		when,
	);
}

/** One contact card (WhatsApp Web sends one per message), in Meta's contact shape the service turns into a vCard. */
export function buildContact(context: IExecuteFunctions, itemIndex: number): MessageContent {
	const name = (context.getNodeParameter('contactName', itemIndex) as string).trim();
	const phone = (context.getNodeParameter('contactPhone', itemIndex) as string).trim();
	const digits = phone.replace(/\D/g, '');
	if (!name) throw new NodeOperationError(context.getNode(), 'Contact Name: give the name to show on the card', { itemIndex });
	if (digits.length < 6) throw new NodeOperationError(context.getNode(), `Contact Phone Number: "${phone}" is not a phone number in international format`, { itemIndex });
	const details = context.getNodeParameter('contactDetails', itemIndex, {}) as IDataObject;
	const text = (key: string) => String(details[key] ?? '').trim();
	const card: IDataObject = {
		name: { formatted_name: name },
		phones: [{ phone: phone.startsWith('+') ? phone : `+${phone}`, wa_id: digits, type: 'CELL' }],
		...(text('email') ? { emails: [{ email: text('email'), type: 'WORK' }] } : {}),
		...(text('organization') ? { org: { company: text('organization') } } : {}),
		...(text('url') ? { urls: [{ url: text('url'), type: 'WORK' }] } : {}),
	};
	return { type: 'contacts', contacts: [card] };
}
