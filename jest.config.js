// n8n's own logger (winston, used inside n8n-core) writes every node error to the console; the
// tests assert those errors themselves, so a passing run stays quiet. N8N_LOG_LEVEL=warn or
// debug brings the log back when hunting a problem.
process.env.N8N_LOG_LEVEL = process.env.N8N_LOG_LEVEL ?? 'silent';

/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/', '/test/editor/'],
	// n8n-core writes its instance settings into N8N_USER_FOLDER (the home folder by default).
	setupFiles: ['<rootDir>/test/harness/userFolder.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { diagnostics: false, tsconfig: '<rootDir>/test/tsconfig.json' }],
	},
	testTimeout: 60000,
	maxWorkers: 2,
};
