/** Unit and integration tests run from TypeScript sources through ts-jest. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	// .test.js: tests that need Node's process (e.g. to change the time zone), which the lint forbids in .ts.
	testMatch: ['**/test/unit/**/*.test.{ts,js}', '**/test/integration/**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }],
	},
	testTimeout: 60000,
};
