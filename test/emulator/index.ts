/**
 * A Baidu iOCR stand-in on loopback for tests, the demo and benchmarks (never shipped).
 *
 *   const emulator = await startEmulator({ qps: 2 });   // fixtures/baidu.json + test/samples/files
 *   // token:    POST `${emulator.url}/oauth/2.0/token` (or GET with a query)
 *   // general:  POST `${emulator.url}/rest/2.0/solution/v1/iocr/recognise?access_token=...`
 *   // finance:  POST `${emulator.url}/rest/2.0/solution/v1/iocr/recognise/finance?access_token=...`
 *   emulator.addFault({ kind: 'http503', requests: [1] });
 *   ...
 *   emulator.recognitionRequests();  // what arrived (file values summarised, never the bytes)
 *   await emulator.close();
 *
 * Answers follow /work/shared/reference/baidu-iocr-api.md: HTTP 200 with error_code for
 * API errors, a 19-digit log_id above 2^53 by default, recorded answers matched by the
 * file's sha256, deterministic derived answers for any other valid file.
 * `npm run emulator -- --port 8787 --qps 2` runs it standalone (cli.ts).
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
	ApiErrorFault,
	JsonFault,
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
