/**
 * A Baidu iOCR stand-in on loopback for tests, the demo and benchmarks (never shipped).
 *
 *   const emulator = await startEmulator({ qps: 2 });
 *   // token: POST `${emulator.url}/oauth/2.0/token`, recognition: `${emulator.url}/rest/2.0/solution/v1/iocr/recognise`
 *   await emulator.close();
 */
export { startEmulator, TOKEN_PATH, GENERAL_PATH, FINANCE_PATH } from './server';
export {
	loadFixtures,
	builtinFixtures,
	validateFixturesFile,
	hashSamples,
	sha256,
	DEFAULT_FIXTURES_PATH,
	DEFAULT_SAMPLES_DIR,
} from './fixtures';
export { ERROR_MESSAGES, errorMessage } from './errors';
export { MAX_ENCODED_LENGTH, MAX_URL_BYTES } from './recognise';
export type {
	Edition,
	Emulator,
	EmulatorOptions,
	FaultKind,
	FaultRule,
	FixtureApp,
	FixtureClassifier,
	FixtureField,
	FixtureRecording,
	FixtureTemplate,
	Fixtures,
	FixturesFile,
	LogIdStyle,
	RequestLogEntry,
	RetEntry,
} from './types';
