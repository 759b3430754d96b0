/**
 * How long the PNG review picture takes, and how much memory, for photos of the size people
 * send: a 12-megapixel phone photo (4000 x 3000, about 2.5 MB as JPEG) and Baidu's largest
 * image (4096 x 4096). The photos are made here (grain over gradients and dark strokes, so that
 * the JPEG is as large as a real photo's) and encoded with jpeg-js, which writes 4:4:4 (full
 * resolution colour, the most memory; phones write 4:2:0); pass files to measure your own
 * instead:
 *
 *   npx tsx scripts/review-picture-timing.ts [photo.jpg …]
 *
 * Prints, per file: its size, the decode-and-shrink time, the whole picture's time (decode,
 * boxes, PNG), each as wall time and as the process's CPU time (which a busy machine inflates
 * less), the PNG's size, and the process's peak RSS: each file is measured in a process of its
 * own, so that making the photos does not count. A measurement, not a test.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

import { encode } from 'jpeg-js';

import type { RecognisedDocument } from '../nodes/BaiduIocr/model';
import { decodePage } from '../nodes/BaiduIocr/output/picture/raster/decode';
import { rasterPicture } from '../nodes/BaiduIocr/output/picture/raster';

/** A photo-like image: smooth light, grain, and dark strokes like printed text. */
function photo(width: number, height: number): Buffer {
	const data = Buffer.alloc(width * height * 4);
	let seed = 7;
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			seed = (seed * 1103515245 + 12345) >>> 0;
			const grain = (seed >>> 24) / 24 - 5;
			const stroke = (x >> 5) % 3 === 0 && (y >> 4) % 4 === 1 && (x + y) % 7 < 4;
			const light = 150 + 60 * Math.sin(x / 300) * Math.cos(y / 250);
			const at = (y * width + x) * 4;
			data[at] = stroke ? 40 : light + grain + 20;
			data[at + 1] = stroke ? 40 : light + grain;
			data[at + 2] = stroke ? 50 : light + grain - 25;
			data[at + 3] = 255;
		}
	}
	return encode({ data, width, height }, 90).data;
}

function documentFor(width: number, height: number): RecognisedDocument {
	const ret = Array.from({ length: 20 }, (_, i) => ({
		word_name: `field ${i + 1}`,
		word: 'value',
		probability: { average: 0.7 + (i % 4) * 0.1, min: 0.5, variance: 0 },
		location: {
			left: Math.round(((i % 4) * width) / 4) + 20,
			top: Math.round((Math.floor(i / 4) * height) / 5) + 20,
			width: Math.round(width / 5),
			height: Math.round(height / 12),
		},
	}));
	return {
		source: { binaryProperty: 'data', fileName: 'photo.jpg', mimeType: 'image/jpeg' },
		warnings: [],
		data: { ret, templateSign: 't', scores: 1, isStructured: true },
	};
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Milliseconds of wall time and of this process's CPU time since `start`. */
function since(start: { wall: number; cpu: NodeJS.CpuUsage }): string {
	const cpu = process.cpuUsage(start.cpu);
	return `${Date.now() - start.wall} ms (CPU ${Math.round((cpu.user + cpu.system) / 1000)} ms)`;
}

const now = () => ({ wall: Date.now(), cpu: process.cpuUsage() });

function measure(file: string): void {
	const bytes = readFileSync(file);
	const name = basename(file);
	const baseline = process.memoryUsage().rss;
	const decodeStart = now();
	let decoded: ReturnType<typeof decodePage> | undefined = decodePage('jpeg', bytes, 1600);
	const decodeTime = since(decodeStart);
	if (!('image' in decoded)) throw new Error(`${name}: ${decoded.reason}`);
	const { width, height } = decoded;
	const shrunk = `${decoded.image.width} x ${decoded.image.height}`;
	// As in the node, the picture decodes the file itself: the first decode's memory goes first.
	decoded = undefined;
	global.gc?.();
	const pictureStart = now();
	const picture = rasterPicture(documentFor(width, height), { kind: 'jpeg', bytes, width, height });
	const pictureTime = since(pictureStart);
	const peak = process.resourceUsage().maxRSS * 1024;
	console.log(
		`${name}: ${width} x ${height}, ${mb(bytes.length)} JPEG | decode and shrink to ` +
			`${shrunk}: ${decodeTime} | whole picture ` +
			`(decode, 20 boxes, PNG): ${pictureTime}, PNG ${mb(picture.png.length)} | ` +
			`peak RSS ${mb(peak)} (${mb(peak - baseline)} above the process at rest)`,
	);
}

function main(): void {
	const files = process.argv.slice(2);
	if (files.length === 1) {
		measure(files[0]);
		return;
	}
	const folder = mkdtempSync(join(tmpdir(), 'review-picture-timing-'));
	try {
		if (files.length === 0) {
			for (const [name, width, height] of [
				['photo-12mp.jpg', 4000, 3000],
				['photo-4096.jpg', 4096, 4096],
			] as const) {
				const path = join(folder, name);
				writeFileSync(path, photo(width, height));
				files.push(path);
			}
		}
		// Each file in a process of its own: the peak RSS is the picture's alone.
		for (const file of files) {
			execFileSync(process.execPath, [...process.execArgv, '--expose-gc', __filename, file], {
				stdio: 'inherit',
			});
		}
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
}

main();
