/**
 * `npm run scan`: n8n's community-package scanner (`@n8n/scan-community-package`) run on this
 * checkout, before publishing. The scanner's own `analyzePackage` (its ESLint config, inline
 * `eslint-disable` comments ignored) is imported and run on both of its legs:
 *
 * 1. the source tree, limited to the scanner's `SOURCE_FILE_PATTERNS` (package.json,
 *    nodes/** and credentials/**), as it lints the commit a provenance attestation names;
 * 2. the unpacked `npm pack` tarball, limited to compiled `.js` and package.json, as it lints
 *    the published package (needs `npm run build` first).
 *
 * Its third check, npm provenance, reads the registry's attestation of a published version:
 * it can only run after publishing (`npx @n8n/scan-community-package n8n-nodes-baidu-iocr`).
 * Prints what each leg found; exits 1 on any finding.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

interface ScanResult {
	passed: boolean;
	message?: string;
	details?: string;
}
interface Scanner {
	SOURCE_FILE_PATTERNS: string[];
	analyzePackage(packageDir: string, filePatterns?: string[]): Promise<ScanResult>;
}

const REPO = resolve(__dirname, '..');
/** The patterns the scanner passes for the tarball leg (scanner.mjs, analyzePackageByName). */
const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];

function unpackedTarball(): string {
	if (!existsSync(join(REPO, 'dist', 'nodes', 'BaiduIocr', 'BaiduIocr.node.js')))
		throw new Error('dist/ is missing: run `npm run build` first');
	const dir = mkdtempSync(join(tmpdir(), 'baidu-iocr-scan-'));
	execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], {
		cwd: REPO,
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	const tarball = readdirSync(dir).find((file) => file.endsWith('.tgz'));
	if (!tarball) throw new Error('npm pack produced no tarball');
	const packageDir = join(dir, 'package');
	execFileSync('tar', ['-xzf', join(dir, tarball), '-C', dir]);
	return packageDir;
}

async function main(): Promise<number> {
	const scannerPath = require.resolve('@n8n/scan-community-package/scanner/scanner.mjs');
	const scanner = (await import(scannerPath)) as Scanner;
	const tarballDir = unpackedTarball();
	let failed = 0;
	try {
		const legs: Array<[string, string, string[]]> = [
			['source tree', REPO, scanner.SOURCE_FILE_PATTERNS],
			['npm pack tarball', tarballDir, TARBALL_FILE_PATTERNS],
		];
		for (const [label, dir, patterns] of legs) {
			const result = await scanner.analyzePackage(dir, patterns);
			if (result.passed) {
				console.log(
					`scan: ${label} (${patterns.join(', ')}): passed${result.message ? ` (${result.message})` : ''}`,
				);
			} else {
				failed++;
				console.log(`scan: ${label} (${patterns.join(', ')}): FAILED: ${result.message ?? ''}`);
				if (result.details) console.log(result.details);
			}
		}
	} finally {
		rmSync(resolve(tarballDir, '..'), { recursive: true, force: true });
	}
	console.log(
		'scan: provenance not checked (it needs a version published with `npm publish --provenance`)',
	);
	return failed === 0 ? 0 : 1;
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error('scan: could not run:', error);
		process.exit(1);
	},
);
