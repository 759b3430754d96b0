/**
 * Fixture loading: apps, templates, classifiers and recorded answers from
 * test/emulator/fixtures/baidu.json, with each recording's sample file hashed from
 * test/samples/files/ so that a request's file bytes find their recording by sha256.
 */
import { createHash } from 'crypto';
import { existsSync, readFileSync } from 'fs';
import * as path from 'path';

import type { FixtureRecording, Fixtures, FixturesFile } from './types';

export const DEFAULT_FIXTURES_PATH = path.resolve(__dirname, 'fixtures', 'baidu.json');
export const DEFAULT_SAMPLES_DIR = path.resolve(__dirname, '..', 'samples', 'files');

export function sha256(bytes: Buffer | string): string {
	return createHash('sha256').update(bytes).digest('hex');
}

function assertArray(value: unknown, name: string, file: string): void {
	if (!Array.isArray(value)) throw new Error(`${file}: "${name}" must be an array`);
}

/** Checks the JSON's outline (not every field) so a broken file fails loudly at start. */
export function validateFixturesFile(data: unknown, file = 'fixtures'): FixturesFile {
	if (typeof data !== 'object' || data === null) throw new Error(`${file}: not a JSON object`);
	const obj = data as Record<string, unknown>;
	assertArray(obj.apps, 'apps', file);
	assertArray(obj.templates ?? [], 'templates', file);
	assertArray(obj.classifiers ?? [], 'classifiers', file);
	assertArray(obj.recordings ?? [], 'recordings', file);
	const result: FixturesFile = {
		apps: obj.apps as FixturesFile['apps'],
		templates: (obj.templates ?? []) as FixturesFile['templates'],
		classifiers: (obj.classifiers ?? []) as FixturesFile['classifiers'],
		recordings: (obj.recordings ?? []) as FixturesFile['recordings'],
	};
	for (const app of result.apps) {
		if (!app.apiKey || !app.secretKey || app.appId === undefined) {
			throw new Error(`${file}: every app needs appId, apiKey and secretKey`);
		}
	}
	for (const template of result.templates) {
		if (!template.templateSign || !Array.isArray(template.fields)) {
			throw new Error(`${file}: every template needs templateSign and fields[]`);
		}
	}
	for (const recording of result.recordings) {
		if (!recording.sample) throw new Error(`${file}: every recording needs "sample"`);
	}
	return result;
}

/** Hashes the sample file of each recording found in samplesDir. */
export function hashSamples(
	recordings: FixtureRecording[],
	samplesDir: string,
): { sampleHashes: Record<string, string>; missingSamples: string[] } {
	const sampleHashes: Record<string, string> = {};
	const missingSamples: string[] = [];
	for (const recording of recordings) {
		if (recording.sample in sampleHashes) continue;
		const file = path.join(samplesDir, recording.sample);
		if (existsSync(file)) sampleHashes[recording.sample] = sha256(readFileSync(file));
		else if (!recording.sha256) missingSamples.push(recording.sample);
	}
	return { sampleHashes, missingSamples };
}

/** Reads a fixtures JSON file and hashes its samples (default: the repository's own). */
export function loadFixtures(file: string = DEFAULT_FIXTURES_PATH, samplesDir: string = DEFAULT_SAMPLES_DIR): Fixtures {
	const data = validateFixturesFile(JSON.parse(readFileSync(file, 'utf8')) as unknown, file);
	return { ...data, ...hashSamples(data.recordings, samplesDir) };
}

/**
 * A small built-in fixture set: the demo apps and a few templates. Used by the
 * emulator's own tests and as a fallback while fixtures/baidu.json does not exist.
 */
export function builtinFixtures(): Fixtures {
	const loc = (left: number, top: number, width = 240, height = 60) => ({ left, top, width, height });
	return {
		apps: [
			{ appId: 10001, apiKey: 'demo-api-key', secretKey: 'demo-secret-key', iocr: true },
			{ appId: 10002, apiKey: 'noperm-api-key', secretKey: 'noperm-secret-key', iocr: false },
			{ appId: 10003, apiKey: 'other-api-key', secretKey: 'other-secret-key', iocr: true },
		],
		templates: [
			{
				templateSign: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
				name: 'Train ticket',
				edition: 'general',
				appId: 10001,
				published: true,
				fields: [
					{ word_name: '出发站', kind: 'text', location: loc(120, 80) },
					{ word_name: '终点站', kind: 'text', location: loc(520, 80) },
					{ word_name: '日期', kind: 'date', location: loc(120, 180) },
					{ word_name: '票价', kind: 'amount', location: loc(120, 260) },
					{ word_name: '乘客', kind: 'name', location: loc(420, 260) },
					{ word_name: '票号', kind: 'code', location: loc(40, 20) },
				],
			},
			{
				templateSign: 'b2c3d4e5f60718293a4b5c6d7e8f90a1',
				name: 'Delivery note',
				edition: 'general',
				appId: 10001,
				published: true,
				fields: [
					{ word_name: 'Customer', kind: 'name', location: loc(60, 60) },
					{ word_name: 'Date', kind: 'date', location: loc(400, 60) },
					{ word_name: 'Order no', kind: 'code', location: loc(60, 140) },
				],
			},
			{
				templateSign: 'c3d4e5f60718293a4b5c6d7e8f90a1b2',
				name: 'Draft (not published)',
				edition: 'general',
				appId: 10001,
				published: false,
				fields: [{ word_name: 'Title', kind: 'text', location: loc(10, 10) }],
			},
			{
				templateSign: 'd4e5f60718293a4b5c6d7e8f90a1b2c3',
				name: 'VAT invoice',
				edition: 'finance',
				appId: 10001,
				published: true,
				fields: [
					{ word_name: 'InvoiceCode', kind: 'code', location: loc(600, 30) },
					{ word_name: 'InvoiceDate', kind: 'date', location: loc(600, 90) },
					{ word_name: 'AmountInFiguers', kind: 'amount', location: loc(600, 500) },
					{ word_name: 'SellerName', kind: 'name', location: loc(100, 560) },
				],
			},
			{
				templateSign: 'e5f60718293a4b5c6d7e8f90a1b2c3d4',
				name: 'Taxi receipt',
				edition: 'finance',
				appId: 10001,
				published: true,
				fields: [
					{ word_name: 'Date', kind: 'date', location: loc(20, 40, 160, 30) },
					{ word_name: 'Fare', kind: 'amount', location: loc(20, 200, 160, 30) },
				],
			},
			{
				templateSign: 'f60718293a4b5c6d7e8f90a1b2c3d4e5',
				name: 'Other account template',
				edition: 'general',
				appId: 10003,
				published: true,
				fields: [{ word_name: 'Name', kind: 'name', location: loc(10, 10) }],
			},
		],
		classifiers: [
			{
				classifierId: '1001',
				name: 'Tickets and notes',
				edition: 'general',
				appId: 10001,
				templates: ['a1b2c3d4e5f60718293a4b5c6d7e8f90', 'b2c3d4e5f60718293a4b5c6d7e8f90a1'],
			},
			{
				classifierId: '2001',
				name: 'Receipts',
				edition: 'finance',
				appId: 10001,
				templates: ['d4e5f60718293a4b5c6d7e8f90a1b2c3', 'e5f60718293a4b5c6d7e8f90a1b2c3d4'],
			},
		],
		recordings: [],
		sampleHashes: {},
		missingSamples: [],
	};
}

/** The fixtures startEmulator() uses when none are given. */
export function defaultFixtures(warn: (message: string) => void): Fixtures {
	if (existsSync(DEFAULT_FIXTURES_PATH)) return loadFixtures();
	warn(`[baidu-emulator] ${DEFAULT_FIXTURES_PATH} not found; using the built-in fixtures`);
	return builtinFixtures();
}
