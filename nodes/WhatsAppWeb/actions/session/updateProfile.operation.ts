import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { updateWebProfile } from '../../../shared/transport/api/webChats';
import { pictureFromBinary } from '../common/picture';
import { sessionField, sessionNameOf } from '../common/session';

/** WhatsApp's limits on a push name and an About text. */
const NAME_MAX = 25;
const ABOUT_MAX = 139;

export const description: INodeProperties[] = [
	sessionField,
	{
		displayName: 'Update Fields',
		name: 'profileFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'About', name: 'about', type: 'string', default: '', description: 'The About text, up to 139 characters' },
			{ displayName: 'Display Name', name: 'displayName', type: 'string', default: '', description: 'The name others see, up to 25 characters' },
			{
				displayName: 'Profile Picture',
				name: 'picture',
				type: 'options',
				options: [
					{ name: 'From Binary File', value: 'binary', description: 'A JPEG or PNG from the input item' },
					{ name: 'Remove', value: 'remove' },
				],
				default: 'binary',
			},
			{ displayName: 'Input Binary Field', name: 'binaryPropertyName', type: 'string', default: 'data', description: 'With Profile Picture: From Binary File, the binary field holding the image' },
		],
	},
];

/** Changes only the fields given; outputs the account as it is now. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const session = sessionNameOf(this, itemIndex);
	const fields = this.getNodeParameter('profileFields', itemIndex, {}) as IDataObject;
	const changes: IDataObject = {};
	if (typeof fields.displayName === 'string') {
		const name = fields.displayName.trim();
		if (name.length === 0 || name.length > NAME_MAX) throw new NodeOperationError(this.getNode(), `Display Name: 1 to ${NAME_MAX} characters (got ${name.length})`, { itemIndex });
		changes.displayName = name;
	}
	if (typeof fields.about === 'string') {
		if (fields.about.length > ABOUT_MAX) throw new NodeOperationError(this.getNode(), `About: at most ${ABOUT_MAX} characters (got ${fields.about.length})`, { itemIndex });
		changes.about = fields.about;
	}
	if (fields.picture === 'remove') changes.picture = null;
	else if (fields.picture === 'binary') {
		changes.picture = await pictureFromBinary(this, itemIndex, String(fields.binaryPropertyName ?? 'data').trim() || 'data', 'Profile Picture');
	}
	if (Object.keys(changes).length === 0) throw new NodeOperationError(this.getNode(), 'Update Fields: add at least one field to change', { itemIndex });
	return { session, ...(await updateWebProfile(this, session, changes, itemIndex)) };
}
