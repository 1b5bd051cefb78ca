import type { OperationsByResource } from '../../shared/router';
import * as channel from './channel/Channel.resource';
import * as chat from './chat/Chat.resource';
import * as contact from './contact/Contact.resource';
import * as group from './group/Group.resource';
import * as label from './label/Label.resource';
import * as message from './message/Message.resource';
import * as session from './session/Session.resource';

/** Every operation of the node, by resource: what the router dispatches and the description lists. */
export const operationsByResource: OperationsByResource = {
	message: message.operations,
	session: session.operations,
	chat: chat.operations,
	contact: contact.operations,
	group: group.operations,
	label: label.operations,
	channel: channel.operations,
};

export const operationFields = [message.operationField, session.operationField, chat.operationField, contact.operationField, group.operationField, label.operationField, channel.operationField];
