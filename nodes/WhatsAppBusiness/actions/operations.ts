import type { OperationsByResource } from '../../shared/router';
import * as contact from './contact/Contact.resource';
import * as conversation from './conversation/Conversation.resource';
import * as media from './media/Media.resource';
import * as message from './message/Message.resource';
import * as qrCode from './qrCode/QrCode.resource';
import * as template from './template/Template.resource';

/** Every per-item operation of the node, by resource: what the router dispatches and the description lists. */
export const operationsByResource: OperationsByResource = {
	message: message.operations,
	media: media.operations,
	template: template.operations,
	conversation: conversation.operations,
	contact: contact.operations,
	qrCode: qrCode.operations,
};

export const operationFields = [message.operationField, media.operationField, template.operationField, conversation.operationField, contact.operationField, qrCode.operationField];
