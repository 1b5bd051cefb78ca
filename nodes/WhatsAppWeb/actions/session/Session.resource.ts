import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getQr from './getQr.operation';
import { lifecycleOperation } from './lifecycle';
import * as list from './list.operation';
import * as requestPairingCode from './requestPairingCode.operation';
import * as update from './update.operation';
import * as updateProfile from './updateProfile.operation';

export const operations: Record<string, Operation> = {
	create,
	delete: del,
	get,
	getQr,
	list,
	logout: lifecycleOperation('logout'),
	requestPairingCode,
	restart: lifecycleOperation('restart'),
	start: lifecycleOperation('start'),
	stop: lifecycleOperation('stop'),
	update,
	updateProfile,
};

export const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['session'] } },
	options: [
		{ name: 'Create', value: 'create', action: 'Create a session', description: 'Create (and start) a session for a phone to link' },
		{ name: 'Delete', value: 'delete', action: 'Delete a session', description: 'Unlink the phone and forget the session' },
		{ name: 'Get', value: 'get', action: 'Get a session status', description: 'Status with its reason, login method and linked account' },
		{ name: 'Get Many', value: 'list', action: 'Get many sessions' },
		{ name: 'Get Pairing Code', value: 'requestPairingCode', action: 'Get a pairing code', description: 'A code to type on the phone instead of scanning' },
		{ name: 'Get QR Code', value: 'getQr', action: 'Get the QR code', description: 'The QR code to scan, as a PNG image or text' },
		{ name: 'Log Out', value: 'logout', action: 'Log out a session', description: 'Unlink the phone; the session stays, stopped' },
		{ name: 'Restart', value: 'restart', action: 'Restart a session', description: 'Stop and start again (applies changed settings)' },
		{ name: 'Start', value: 'start', action: 'Start a session' },
		{ name: 'Stop', value: 'stop', action: 'Stop a session', description: 'Stop it, keeping its login' },
		{ name: 'Update', value: 'update', action: 'Update a session', description: 'Default flag, pairing number or settings' },
		{ name: 'Update Profile', value: 'updateProfile', action: 'Update the account profile', description: 'The name, About and picture others see' },
	],
	default: 'get',
};
