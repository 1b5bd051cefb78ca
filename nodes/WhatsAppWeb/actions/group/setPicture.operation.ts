import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { removeWebGroupPicture, setWebGroupPicture } from '../../../shared/transport/api/webGroups';
import { pictureFromBinary } from '../common/picture';
import { accountSessionField, resolvedSessionNameOf } from '../common/session';
import { groupIdField, groupIdOf } from './groupFields';

export const description: INodeProperties[] = [
	accountSessionField,
	groupIdField,
	{
		displayName: 'Picture',
		name: 'pictureAction',
		type: 'options',
		options: [
			{ name: 'From Binary File', value: 'set', description: 'A JPEG or PNG from the input item' },
			{ name: 'Remove', value: 'remove' },
		],
		default: 'set',
	},
	{ displayName: 'Input Binary Field', name: 'binaryPropertyName', type: 'string', default: 'data', displayOptions: { show: { pictureAction: ['set'] } }, description: 'The binary field holding the image' },
];

/** Like the subject, the picture is the admins' once the group restricts its info. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const groupId = groupIdOf(this, itemIndex);
	const remove = this.getNodeParameter('pictureAction', itemIndex, 'set') === 'remove';
	let picture: { base64: string; mimeType: string } | undefined;
	if (!remove) {
		const property = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data') ?? '').trim() || 'data';
		picture = await pictureFromBinary(this, itemIndex, property, 'Input Binary Field');
	}
	const session = await resolvedSessionNameOf(this, itemIndex);
	const answer = picture ? await setWebGroupPicture(this, session, groupId, picture, itemIndex) : await removeWebGroupPicture(this, session, groupId, itemIndex);
	return { session, ...answer };
}
