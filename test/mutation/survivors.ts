/**
 * The mutants a Stryker run left alive, as a Markdown table (for docs/mutation/):
 *
 *   tsx test/mutation/survivors.ts reports/mutation/transport.json
 *   tsx test/mutation/survivors.ts reports/mutation/events-transport   # a run still going
 *
 * Prints the score line, then one row per mutant that survived or had no coverage, by file and
 * line.
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';

interface Mutant {
	fileName?: string;
	mutatorName: string;
	replacement?: string;
	status: string;
	location: { start: { line: number } };
}

interface Report {
	files: Record<string, { mutants: Mutant[] }>;
}

const path = process.argv[2];
if (!path) throw new Error('usage: tsx test/mutation/survivors.ts <stryker json report>');

/** The event recorder's files (one per tested mutant) gathered into a report's shape. */
function reportOfEvents(dir: string): Report {
	const files: Report['files'] = {};
	for (const name of readdirSync(dir).filter((entry) => entry.endsWith('-onMutantTested.json'))) {
		const mutant = JSON.parse(readFileSync(join(dir, name), 'utf8')) as Mutant;
		(files[mutant.fileName ?? ''] ??= { mutants: [] }).mutants.push(mutant);
	}
	return { files };
}

const report = statSync(path).isDirectory()
	? reportOfEvents(path)
	: (JSON.parse(readFileSync(path, 'utf8')) as Report);

const counts: Record<string, number> = {};
const rows: string[] = [];
for (const [file, { mutants }] of Object.entries(report.files).sort(([a], [b]) =>
	a.localeCompare(b),
)) {
	const short = file.replace(/^.*nodes\/BaiduIocr\//, '');
	const alive = mutants
		.map((mutant) => {
			counts[mutant.status] = (counts[mutant.status] ?? 0) + 1;
			return mutant;
		})
		.filter((mutant) => mutant.status === 'Survived' || mutant.status === 'NoCoverage')
		.sort((a, b) => a.location.start.line - b.location.start.line);
	for (const mutant of alive) {
		const replacement = (mutant.replacement ?? '').replace(/\s+/g, ' ').replace(/\|/g, '\\|');
		rows.push(
			`| ${short}:${mutant.location.start.line} | ${mutant.mutatorName} | ${mutant.status} | \`${replacement.slice(0, 80)}\` |`,
		);
	}
}
const detected = (counts.Killed ?? 0) + (counts.Timeout ?? 0);
const valid = detected + (counts.Survived ?? 0) + (counts.NoCoverage ?? 0);
console.log(
	`Score ${((100 * detected) / valid).toFixed(1)} %: ${counts.Killed ?? 0} killed, ${counts.Timeout ?? 0} timed out, ${counts.Survived ?? 0} survived, ${counts.NoCoverage ?? 0} without coverage (${JSON.stringify(counts)}).\n`,
);
console.log('| where | mutator | status | replacement |\n|---|---|---|---|');
for (const row of rows) console.log(row);
