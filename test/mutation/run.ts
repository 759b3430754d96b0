/**
 * Mutation testing, one folder of the node at a time (StrykerJS, jest runner, TypeScript
 * checker; not in CI: hours on two cores):
 *
 *   tsx test/mutation/run.ts transport            # npm run mutate:transport
 *   tsx test/mutation/run.ts input                # npm run mutate:input
 *   tsx test/mutation/run.ts output               # npm run mutate:output
 *   tsx test/mutation/run.ts transport --recheck  # npm run mutate:transport -- --recheck
 *   tsx test/mutation/run.ts input check.ts pdf/range.ts   # only these files of the folder
 *   tsx test/mutation/run.ts transport --recheck client.ts  # and for a recheck
 *   tsx test/mutation/run.ts transport client.ts --concurrency=2  # Stryker's own options pass on
 *   tsx test/mutation/run.ts input documents.ts --tests=test/node  # other tests than the folder's
 *   tsx test/mutation/run.ts output/picture raster/deflate.ts \
 *     --tests=test/output/picture/raster/encode.test.ts            # or single test files
 *
 * A folder's run uses the tests that aim at it (FOLDER_TESTS), which take seconds per mutant
 * where the engine tests take minutes, and writes reports/mutation/<folder>.json. `--recheck`
 * then runs what that report left alive (survived, or not covered by those tests) against the
 * whole jest suite: only the lines holding such a mutant are mutated, every mutant on them is
 * run again, and reports/mutation/recheck-<folder>.json is the final word on them. Its
 * survivors are the list to work through (`tsx test/mutation/survivors.ts <report>`).
 *
 * Jest's related-test search stays off: the engine tests load the node by a path computed at run
 * time (test/harness/nodeTypes.ts), which that static search cannot follow, so it would leave
 * them out and report the node's code as uncovered.
 */
import { spawnSync } from 'child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';

const FOLDER_TESTS: Record<string, string[]> = {
	transport: ['test/transport', 'test/resilience', 'test/credentials'],
	input: ['test/input'],
	output: ['test/output'],
	'output/values': ['test/output/values'],
	'output/picture': ['test/output/picture', 'test/samples'],
};

interface Mutant {
	status: string;
	location: { start: { line: number }; end: { line: number } };
}

interface Report {
	files: Record<string, { mutants: Mutant[] }>;
}

const root = join(__dirname, '..', '..');
const jestBase = require(join(root, 'jest.config.js')) as Record<string, unknown>;
const folder = process.argv[2] ?? '';
const recheck = process.argv.includes('--recheck');
const only = process.argv.slice(3).filter((arg) => !arg.startsWith('--'));
// `--tests=a,b`: these test folders instead of the folder's own (code only the engine tests
// reach, as input/documents.ts).
const testsOption = process.argv.find((arg) => arg.startsWith('--tests='));
const tests = testsOption ? testsOption.slice('--tests='.length).split(',') : undefined;
// Stryker's own options (`--concurrency=2`: worth it where the tests mostly wait on timers).
const strykerOptions = process.argv
	.slice(3)
	.filter((arg) => /^--\w[\w-]*=/.test(arg) && arg !== testsOption);
if (!FOLDER_TESTS[folder]) {
	throw new Error(
		`usage: tsx test/mutation/run.ts <${Object.keys(FOLDER_TESTS).join('|')}> [--recheck]`,
	);
}

/** `file:from-to` for every run of lines holding a mutant that survived or was not covered. */
function aliveRanges(report: Report): string[] {
	const ranges: string[] = [];
	for (const [file, { mutants }] of Object.entries(report.files)) {
		const relative = file.replace(/^.*?(nodes\/BaiduIocr\/)/, '$1');
		if (only.length > 0 && !only.some((name) => relative.endsWith(`/${folder}/${name}`))) continue;
		const lines = new Set<number>();
		for (const mutant of mutants) {
			if (mutant.status !== 'Survived' && mutant.status !== 'NoCoverage') continue;
			for (let line = mutant.location.start.line; line <= mutant.location.end.line; line++) {
				lines.add(line);
			}
		}
		const sorted = [...lines].sort((a, b) => a - b);
		let start = 0;
		for (let i = 0; i < sorted.length; i++) {
			if (i + 1 < sorted.length && sorted[i + 1] === sorted[i] + 1) continue;
			ranges.push(`${relative}:${sorted[start]}-${sorted[i]}`);
			start = i + 1;
		}
	}
	return ranges;
}

function jestConfig(): Record<string, unknown> {
	const paths = recheck ? ['test'] : (tests ?? FOLDER_TESTS[folder]);
	// rootDir stays unset: Stryker runs jest inside its sandbox, a copy of the project.
	if (!paths.some((path) => path.endsWith('.test.ts'))) {
		return { ...jestBase, roots: paths.map((dir) => `<rootDir>/${dir}`) };
	}
	// Single test files (`--tests=test/output/picture/raster/encode.test.ts`): where the other
	// tests of their folder are slow under Stryker's instrumentation, as the PNG encoder's are.
	const roots = [
		...new Set(paths.map((path) => (path.endsWith('.test.ts') ? dirname(path) : path))),
	];
	return {
		...jestBase,
		roots: roots.map((dir) => `<rootDir>/${dir}`),
		testMatch: paths.map((path) =>
			path.endsWith('.test.ts') ? `<rootDir>/${path}` : `<rootDir>/${path}/**/*.test.ts`,
		),
	};
}

// Another set of tests writes its own report (input-node.json for `input --tests=test/node`), so
// that two runs of one folder can go side by side.
const slug = [
	folder,
	...(tests ?? []).map((dir) => dir.replace(/^test\/?/, '').replace(/\.test\.ts$/, '')),
]
	.join('-')
	.replace(/\//g, '-');
const name = recheck ? `recheck-${slug}` : slug;
const mutate = recheck
	? aliveRanges(
			JSON.parse(readFileSync(join(root, 'reports', 'mutation', `${slug}.json`), 'utf8')) as Report,
		)
	: only.length > 0
		? only.map((file) => `nodes/BaiduIocr/${folder}/${file}`)
		: [`nodes/BaiduIocr/${folder}/**/*.ts`];
if (recheck) console.log(`${mutate.length} line ranges to run again against the whole suite`);

const config = {
	$schema: '../../node_modules/@stryker-mutator/core/schema/stryker-schema.json',
	packageManager: 'npm',
	testRunner: 'jest',
	jest: { projectType: 'custom', config: jestConfig(), enableFindRelatedTests: false },
	checkers: ['typescript'],
	tsconfigFile: 'tsconfig.json',
	typescriptChecker: { prioritizePerformanceOverAccuracy: true },
	coverageAnalysis: 'perTest',
	// The whole suite under Stryker's coverage instrumentation takes longer than the default 5.
	dryRunTimeoutMinutes: 60,
	// The error table and the option lists: values, not logic.
	ignoreStatic: true,
	mutate,
	ignorePatterns: [
		'.stryker-tmp*',
		'dist',
		'coverage',
		'.bench',
		'.e2e',
		'test/e2e',
		'test/editor',
		'test/bench/results',
		'reports',
	],
	concurrency: 1,
	timeoutMS: recheck ? 20000 : 10000,
	// The event recorder writes every tested mutant to a file as it goes: survivors can be worked
	// on during a run of hours, and a stopped run keeps what it did (the JSON comes at the end).
	reporters: ['progress', 'json', 'event-recorder'],
	jsonReporter: { fileName: `reports/mutation/${name}.json` },
	eventReporter: { baseDir: `reports/mutation/events-${name}` },
	tempDirName: `.stryker-tmp-${name}`,
};
mkdirSync(join(root, 'reports', 'mutation'), { recursive: true });
const configPath = join('reports', 'mutation', `${name}.config.json`);
writeFileSync(join(root, configPath), JSON.stringify(config, null, '\t'));
const run = spawnSync('npx', ['stryker', 'run', configPath, ...strykerOptions], {
	cwd: root,
	stdio: 'inherit',
});
process.exit(run.status ?? 1);
