/** Tests live in tests/, mirroring the source layout; type checking runs separately (npm run typecheck). */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/tests'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/tests/e2e/'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tests/tsconfig.json' }],
	},
	// Generous for a shared CI MariaDB (see tests/service/channels/web/webHarness.ts); passing tests are not slowed.
	testTimeout: 60000,
	maxWorkers: 2,
};
