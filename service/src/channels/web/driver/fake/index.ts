export { FakeWebDriver, type FakeWebDriverOptions } from './fakeWebDriver';
export { FakeWebClient } from './fakeWebClient';
export { FakePhone, type InboundSpec, type FakeMediaType } from './fakePhone';
export type { ScriptedStart } from './fakeSettings';
