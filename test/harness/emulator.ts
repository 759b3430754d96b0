import { startEmulator, type Emulator } from '../emulator';

/**
 * Starts one emulator for the calling test file (on the repository's fixtures and samples),
 * resets it before every test and closes it at the end.
 */
export function useEmulator(): () => Emulator {
	let emulator: Emulator | undefined;
	beforeAll(async () => {
		emulator = await startEmulator({ quiet: true });
	});
	afterAll(async () => {
		await emulator?.close();
	});
	beforeEach(() => {
		emulator?.reset();
		emulator?.setLatency(0, 0);
	});
	return () => {
		if (!emulator) throw new Error('emulator not started');
		return emulator;
	};
}
