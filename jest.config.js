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
	// A worker that has loaded n8n-core into many test files' module registries (heaps of 500 MB
	// and more) often took longer than jest's 500 ms to exit at the end, and jest printed "A worker
	// process has failed to exit gracefully" in 5 of 6 full runs, though no handle was left open
	// (--detectOpenHandles: none). Recycled once past 400 MB: 0 of 3 runs, the same total time.
	workerIdleMemoryLimit: '400MB',
};
