import type { IDataObject, INodeProperties } from 'n8n-workflow';

const show = { messageType: ['contacts'] };

export const contactsFields: INodeProperties[] = [
	{
		displayName: 'Contacts',
		name: 'contacts',
		type: 'fixedCollection',
		placeholder: 'Add Contact',
		typeOptions: { multipleValues: true },
		default: {},
		required: true,
		displayOptions: { show },
		options: [
			{
				displayName: 'Contact',
				name: 'contact',
				values: [
					{
						displayName: 'Birthday',
						name: 'birthday',
						type: 'string',
						default: '',
						placeholder: 'YYYY-MM-DD',
					},
					{
						displayName: 'Company',
						name: 'company',
						type: 'string',
						default: '',
					},
					{
						displayName: 'Email',
						name: 'email',
						type: 'string',
						placeholder: 'name@email.com',
						default: '',
					},
					{
						displayName: 'First Name',
						name: 'firstName',
						type: 'string',
						default: '',
					},
					{
						displayName: 'Formatted Name',
						name: 'formattedName',
						type: 'string',
						default: '',
							required:	true,
						description: 'The full name as it should be shown',
					},
					{
						displayName: 'Job Title',
						name: 'title',
						type: 'string',
						default: '',
					},
					{
						displayName: 'Last Name',
						name: 'lastName',
						type: 'string',
						default: '',
					},
					{
						displayName: 'Phone',
						name: 'phone',
						type: 'string',
						default: '',
						placeholder: '+15551234567',
					},
					{
						displayName: 'Phone Type',
						name: 'phoneType',
						type: 'options',
						options: [
							{
								name: 'Cell',
								value: 'CELL',
							},
							{
								name: 'Home',
								value: 'HOME',
							},
							{
								name: 'iPhone',
								value: 'IPHONE',
							},
							{
								name: 'Main',
								value: 'MAIN',
							},
							{
								name: 'Work',
								value: 'WORK',
							},
						],
						default: 'CELL',
					},
					{
						displayName: 'Website',
						name: 'url',
						type: 'string',
						default: '',
					},
					{
						displayName: 'WhatsApp ID',
						name: 'waId',
						type: 'string',
						default: '',
						description: 'Adds a \'Message\' button for this phone in WhatsApp',
					},
			],
			},
		],
	},
];

/** Meta's contact object from one row of the form; empty fields are left out rather than sent blank. */
export function toContactCard(row: IDataObject): IDataObject {
	const text = (key: string) => String(row[key] ?? '').trim();
	const card: IDataObject = {
		name: { formatted_name: text('formattedName'), ...(text('firstName') ? { first_name: text('firstName') } : {}), ...(text('lastName') ? { last_name: text('lastName') } : {}) },
	};
	if (text('phone') || text('waId')) card.phones = [{ ...(text('phone') ? { phone: text('phone') } : {}), type: text('phoneType') || 'CELL', ...(text('waId') ? { wa_id: text('waId') } : {}) }];
	if (text('email')) card.emails = [{ email: text('email'), type: 'WORK' }];
	if (text('company') || text('title')) card.org = { ...(text('company') ? { company: text('company') } : {}), ...(text('title') ? { title: text('title') } : {}) };
	if (text('url')) card.urls = [{ url: text('url'), type: 'WORK' }];
	if (text('birthday')) card.birthday = text('birthday');
	return card;
}
