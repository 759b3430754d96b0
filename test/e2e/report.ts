/**
 * The checks of a suite that runs outside jest (the real-n8n and editor suites): each check
 * prints one line, and the suite ends with "<label>: N passed, N failed", the line .ci/run reads.
 */
export interface Report {
	check(name: string, fn: () => void | Promise<void>): Promise<boolean>;
	/** Records a failure that happened outside any check (the suite could not start, say). */
	fail(name: string, error: unknown): void;
	/** Prints the closing line and exits with 0 when nothing failed. */
	finish(): never;
}

function messageOf(error: unknown): string {
	return String((error as Error)?.message ?? error);
}

export function createReport(label: string): Report {
	const results: Array<{ name: string; ok: boolean }> = [];
	const fail = (name: string, error: unknown) => {
		results.push({ name, ok: false });
		console.log(`  ✗ ${name}\n      ${messageOf(error).split('\n').join('\n      ')}`);
	};
	return {
		async check(name, fn) {
			try {
				await fn();
				results.push({ name, ok: true });
				console.log(`  ✓ ${name}`);
				return true;
			} catch (error) {
				fail(name, error);
				return false;
			}
		},
		fail,
		finish() {
			const passed = results.filter((r) => r.ok).length;
			const failed = results.length - passed;
			console.log(`\n${label}: ${passed} passed, ${failed} failed`);
			process.exit(failed === 0 && passed > 0 ? 0 : 1);
		},
	};
}
