/**
 * Applies mutants from a Stryker run to the source one at a time, runs the given tests against
 * each and restores the file: how a survivor's new test is shown to kill it (docs/mutation/).
 *
 *   tsx test/mutation/apply.ts reports/mutation/input.json survivors -- test/input/pdf.test.ts
 *   tsx test/mutation/apply.ts reports/mutation/events-input 12,40 --rev=c49db6f -- test/input
 *   tsx test/mutation/apply.ts reports/mutation/events-input untested --rev=c49db6f -- test/input
 *   tsx test/mutation/apply.ts reports/mutation/events-input untested --from=231 … (go on from 231)
 *   tsx test/mutation/apply.ts reports/mutation/events-input timeouts --rev=c49db6f --timeout=30 -- …
 *
 * `untested` takes the mutants a stopped run planned and never reached (an events dir only): its
 * plan holds each one's place and replacement. Stryker's TypeScript checker is not in the way
 * here, so each such mutant is first type-checked (`tsc`) and reported INVALID when it does not
 * compile: Stryker does not count those.
 *
 * Where a mutant is comes from the run: line and column in the source Stryker mutated (a JSON
 * report holds it; for the event recorder's directory it is read from git at --rev, HEAD unless
 * given, so give the commit the run started from). The mutated text is found again in today's
 * file with what surrounds it, so edits elsewhere in the file do not matter. One line per mutant:
 * KILLED and the first failing test, SURVIVED, TIMEOUT (a mutant that makes the tests run for
 * ever; killed, as Stryker counts it; --timeout=120 seconds) or GONE (its code is not in the file
 * any more).
 *
 * Files are changed while a mutant runs: use a copy of the checkout (`git worktree add`).
 */
import { execFileSync, spawn } from 'child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'fs';
import { join } from 'path';

interface Position {
	line: number;
	column: number;
}

interface Mutant {
	id: string;
	fileName?: string;
	mutatorName: string;
	replacement: string;
	status: string;
	location: { start: Position; end: Position };
}

interface Report {
	files: Record<string, { source: string; mutants: Mutant[] }>;
}

const dashes = process.argv.indexOf('--');
const own = process.argv.slice(2, dashes < 0 ? undefined : dashes);
const jestArgs = dashes < 0 ? [] : process.argv.slice(dashes + 1);
const option = (name: string) => own.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
const [reportPath, which] = own.filter((arg) => !arg.startsWith('--'));
if (!reportPath || !which) {
	throw new Error(
		'usage: tsx test/mutation/apply.ts <report.json | events dir> <survivors | untested | timeouts | id,id,…> [--rev=<commit>] [--timeout=<s>] -- <jest args>',
	);
}
const rev = option('rev') ?? 'HEAD';
// `--from=<id>`, `--to=<id>`: only the ids from one up to (not including) the other, to go on
// where an interrupted apply stopped or to share the work between two copies.
const from = Number(option('from') ?? 0);
const to = Number(option('to') ?? Infinity);
// `--ids=a,b`: with `untested`, only these (to run some again after the code or tests changed).
const onlyIds = option('ids')?.split(',');
const timeoutMs = Number(option('timeout') ?? 120) * 1000;

/** A file's path in the repository, from the absolute one Stryker reports. */
const relative = (fileName: string) => fileName.replace(/^.*?(nodes\/BaiduIocr\/)/, '$1');

/** The mutants of an events dir: those tested, or (`untested`) the planned ones never reached. */
function eventMutants(dir: string, untested: boolean): Mutant[] {
	const entries = readdirSync(dir);
	const tested = entries
		.filter((entry) => entry.endsWith('-onMutantTested.json'))
		.map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as Mutant);
	if (!untested) return tested;
	const planName = entries.find((entry) => entry.endsWith('-onMutationTestingPlanReady.json'));
	if (!planName) throw new Error(`${dir} holds no plan (onMutationTestingPlanReady)`);
	const plan = JSON.parse(readFileSync(join(dir, planName), 'utf8')) as {
		mutantPlans: Array<{ mutant: Mutant }>;
	};
	const done = new Set(tested.map((mutant) => mutant.id));
	// The plan counts lines and columns from 0, the tested mutants (as the JSON report) from 1.
	const fromOne = ({ line, column }: Position) => ({ line: line + 1, column: column + 1 });
	return plan.mutantPlans
		.filter(({ mutant }) => !done.has(mutant.id))
		.map(({ mutant }) => ({
			...mutant,
			status: 'Untested',
			location: { start: fromOne(mutant.location.start), end: fromOne(mutant.location.end) },
		}));
}

/** The event recorder's files gathered into a report, with each file's source at `rev`. */
function reportOfEvents(dir: string, untested: boolean): Report {
	const files: Report['files'] = {};
	for (const mutant of eventMutants(dir, untested)) {
		const fileName = mutant.fileName ?? '';
		files[fileName] ??= {
			source: execFileSync('git', ['show', `${rev}:${relative(fileName)}`], { encoding: 'utf8' }),
			mutants: [],
		};
		files[fileName].mutants.push(mutant);
	}
	return { files };
}

function offsetOf(source: string, { line, column }: Position): number {
	const lines = source.split('\n');
	let offset = 0;
	for (let i = 0; i < line - 1; i++) offset += lines[i].length + 1;
	return offset + column - 1;
}

/** The mutated source of today's file, or undefined when the mutated code is not found once. */
function mutate(current: string, source: string, mutant: Mutant): string | undefined {
	const start = offsetOf(source, mutant.location.start);
	const end = offsetOf(source, mutant.location.end);
	for (const context of [160, 80, 40, 20, 10, 6, 0]) {
		const from = Math.max(0, start - context);
		const needle = source.slice(from, end + context);
		const at = current.indexOf(needle);
		if (at < 0 || current.indexOf(needle, at + 1) >= 0) continue;
		const place = at + (start - from);
		return current.slice(0, place) + mutant.replacement + current.slice(place + end - start);
	}
	return undefined;
}

/** Whether the project still type-checks (with a mutant in place). */
function compiles(): boolean {
	try {
		execFileSync('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json'], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}

/** Runs jest; `timeout` when it has not ended in time (its whole process group is killed). */
function runTests(): Promise<{ passed: boolean; output: string } | 'timeout'> {
	return new Promise((resolve) => {
		const child = spawn('npx', ['jest', '--silent', '--bail', '-w', '1', '--ci', ...jestArgs], {
			detached: true,
		});
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
		const timer = setTimeout(() => {
			process.kill(-(child.pid as number), 'SIGKILL');
			resolve('timeout');
		}, timeoutMs);
		child.on('close', (code) => {
			clearTimeout(timer);
			resolve({ passed: code === 0, output });
		});
	});
}

async function main(): Promise<void> {
	const untested = which === 'untested';
	if (untested && !statSync(reportPath).isDirectory()) {
		throw new Error('`untested` reads the plan of an events dir, not a JSON report');
	}
	const report = statSync(reportPath).isDirectory()
		? reportOfEvents(reportPath, untested)
		: (JSON.parse(readFileSync(reportPath, 'utf8')) as Report);
	// `timeouts`: the mutants the run counted as Timeout. Under Stryker's instrumentation, on a
	// busy machine, a slow test can run past the limit with a mutant that only breaks a result:
	// run here without instrumentation, each is shown to loop for ever or to fail a test.
	const timeouts = which === 'timeouts';
	const ids = which === 'survivors' || untested || timeouts ? undefined : new Set(which.split(','));
	for (const [fileName, { source, mutants }] of Object.entries(report.files)) {
		const path = relative(fileName);
		for (const mutant of mutants) {
			const alive = ['Survived', 'NoCoverage', 'Untested'].includes(mutant.status);
			if (timeouts ? mutant.status !== 'Timeout' : ids ? !ids.has(mutant.id) : !alive) continue;
			if (Number(mutant.id) < from || Number(mutant.id) >= to) continue;
			if (onlyIds && !onlyIds.includes(mutant.id)) continue;
			const where = `${mutant.id} ${path}:${mutant.location.start.line} ${mutant.mutatorName} → ${JSON.stringify(mutant.replacement.slice(0, 60))}`;
			const current = readFileSync(path, 'utf8');
			const mutated = mutate(current, source, mutant);
			if (mutated === undefined) {
				console.log(`GONE ${where}`);
				continue;
			}
			const restore = () => writeFileSync(path, current);
			const interrupted = () => {
				restore();
				process.exit(130);
			};
			process.once('SIGINT', interrupted);
			writeFileSync(path, mutated);
			try {
				if (untested && !compiles()) {
					console.log(`INVALID ${where}`);
					continue;
				}
				const result = await runTests();
				if (result === 'timeout') console.log(`TIMEOUT ${where}`);
				else if (result.passed) console.log(`SURVIVED ${where}`);
				else {
					const failing = /●\s+(.+›.+)/.exec(result.output)?.[1] ?? '(no test named)';
					console.log(`KILLED ${where} by ${failing.trim()}`);
				}
			} finally {
				restore();
				process.removeListener('SIGINT', interrupted);
			}
		}
	}
}

void main();
