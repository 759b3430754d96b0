import { readFileSync } from 'fs';
import { join } from 'path';

/**
 * The sample documents drawn by test/samples/draw.ts (`npm run samples`) and committed.
 * Tests, the emulator, the demo and the benchmarks read them through these helpers.
 */

export const SAMPLES_DIR = join(__dirname, 'files');
export const MANIFEST_PATH = join(__dirname, 'manifest.json');

export type SampleKind =
	| 'png'
	| 'jpeg'
	| 'bmp'
	| 'pdf'
	| 'gif'
	| 'webp'
	| 'tiff'
	| 'heic'
	| 'corrupt'
	| 'empty';

export interface ManifestEntry {
	file: string;
	kind: SampleKind;
	width?: number;
	height?: number;
	pages?: number;
	sha256: string;
	description: string;
}

/** Absolute path of a sample, e.g. `samplePath('train-ticket.png')`. */
export function samplePath(name: string): string {
	if (name.includes('/') || name.includes('\\') || name.startsWith('.')) {
		throw new Error(`Not a sample name: ${name}`);
	}
	return join(SAMPLES_DIR, name);
}

/** The bytes of a sample. */
export function readSample(name: string): Buffer {
	return readFileSync(samplePath(name));
}

/** Every sample with its kind, size in pixels, page count and sha256. */
export function readManifest(): ManifestEntry[] {
	return JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')) as ManifestEntry[];
}
