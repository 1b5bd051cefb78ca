import type { OperationsByResource } from '../../shared/router';
import * as apiKey from './apiKey/ApiKey.resource';
import * as cloud from './cloud/Cloud.resource';
import * as configuration from './configuration/Configuration.resource';
import * as delivery from './delivery/Delivery.resource';
import * as tenant from './tenant/Tenant.resource';

/** Every operation of the node, by resource: what the router dispatches and the description lists. */
export const operationsByResource: OperationsByResource = {
	tenant: tenant.operations,
	apiKey: apiKey.operations,
	cloud: cloud.operations,
	configuration: configuration.operations,
	delivery: delivery.operations,
};

export const operationFields = [tenant.operationField, apiKey.operationField, cloud.operationField, configuration.operationField, delivery.operationField];
