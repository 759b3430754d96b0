// Jest for mutation testing of nodes/BaiduIocr/transport/ (`npm run mutate:transport`): the
// transport's own tests, the resilience tests (the node in n8n's engine against the emulator,
// under faults and rate limits) and the credential tests. The whole suite would kill a few more
// mutants but takes hours on two cores; survivors are read against it by hand.
const base = require('../../jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
	...base,
	rootDir: '../..',
	roots: ['<rootDir>/test/transport', '<rootDir>/test/resilience', '<rootDir>/test/credentials'],
};
