/**
 * Test harness for our n8n nodes (MIT, our own): real n8n-core execution, contexts and credentials applied from
 * our credential classes, plus a local "n8n" that receives trigger deliveries and resume-URL calls.
 *
 *   const n8n = await N8nHarness.start({ credentials: { whatsAppTenantApi: { serviceUrl, apiKey } } });
 *   const run = await n8n.run([{ name: 'WA', type: 'whatsAppBusiness', parameters: { ... } }]);
 *   run.json('WA');
 *   const trigger = await n8n.activateTrigger({ name: 'On message', type: 'whatsAppBusinessTrigger', parameters: { ... } });
 *   const execution = await trigger.nextExecution();
 */
import './env';
export { N8nHarness, type ActiveTrigger, type Delivery, type HarnessOptions, type WebhookAnswer } from './harness';
export { WorkflowRun } from './workflowRun';
export { RecordingResponse, webhookRequest, type WebhookRequest } from './expressLike';
export { buildWorkflow, chain, fullType, manualStart, type NodeSpec, type WorkflowSpec } from './workflow';
export { BINARY_FIXTURE_TYPE, MANUAL_TRIGGER_TYPE, PACKAGE_PREFIX, packageNodeTypes } from './nodeTypes';
export { TestCredentialsHelper, PACKAGE_CREDENTIAL_TYPES } from './credentials';
export { binaryContent, hmacSignatureSecret } from './di';
export { startSandboxWorld, type SandboxWorld } from './sandboxWorld';
export { FakeService, parseMultipart, serviceError, type FakeAnswer, type FakeHandler, type MultipartPart, type RecordedRequest } from './fakeService';
