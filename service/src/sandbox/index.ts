/**
 * WhatsApp Cloud API simulator: an offline stand-in for Meta's Graph API, used as the product's sandbox
 * mode, by tests and by benchmarks.
 */
export { sandboxPlugin, type SandboxPluginOptions } from './plugin';
export { startSimulatorServer, type SimulatorServer, type SimulatorServerOptions } from './server';
export { Simulator, type ProvisionBundle, type ResetOptions, type SimulatorOptions } from './simulator';
export { SimulatorClock, manualClock, type Clock } from './clock';
export { DEFAULT_CONFIG, type ConfigPatch, type SimulatorConfig, type StatusWebhookConfig } from './config';
export { GraphError, graphErrors, type GraphErrorBody } from './graph/errors';
export { ControlError } from './controlError';
export { hubSignature } from './webhooks/signature';
export { injectInbound, INBOUND_TYPES, type InboundResult, type InboundType } from './inbound/injectInbound';
export type { FaultSpec, FaultKind, FaultScope } from './state/faults';
export type { AppInput, WabaInput, PhoneNumberInput, TokenInput } from './state/registry';
export type { NewTemplate, TemplateRecord } from './state/templateStore';
export type { SentMessageRecord } from './state/messageLog';
export type { WebhookEnvelope } from './webhooks/payloads';
export type { DeliveryRecord } from './webhooks/emitter';
