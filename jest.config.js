/** Tests live in tests/, mirroring the source layout; type checking runs separately (npm run typecheck). */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/tests'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/tests/e2e/'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tests/tsconfig.json' }],
	},
	testTimeout: 30000,
	maxWorkers: 2,
};
