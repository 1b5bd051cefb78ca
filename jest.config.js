/** Tests live in tests/, mirroring the source layout; type checking runs separately (npm run typecheck). */

/**
 * Suites that launch the real Chromium (a dozen processes per start). npm test runs them on their own after the
 * rest (JEST_CHROMIUM=skip, then only): three times in CI a fake-driver suite on MariaDB running beside them saw a
 * session status change stall past 10-25 s. Plain `npx jest` still runs everything together.
 */
const CHROMIUM_SUITES = ['<rootDir>/tests/service/channels/web/realChromium.test.ts', '<rootDir>/tests/service/channels/web/driver/realWebDriver.offline.test.ts'];
const chromium = process.env.JEST_CHROMIUM;

module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/tests'],
	testMatch: chromium === 'only' ? CHROMIUM_SUITES : ['**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/tests/e2e/', ...(chromium === 'skip' ? CHROMIUM_SUITES : [])],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tests/tsconfig.json' }],
	},
	// Generous for a shared CI MariaDB (see tests/service/channels/web/webHarness.ts); passing tests are not slowed.
	testTimeout: 60000,
	maxWorkers: 2,
};
