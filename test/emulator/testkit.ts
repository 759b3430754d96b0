/**
 * Helpers for the emulator's own tests: small images built in memory, a form encoder
 * that encodes exactly once, and thin undici clients for the two Baidu calls.
 */
import { createHash } from 'crypto';
import { encode as encodeJpeg } from 'jpeg-js';
import { PNG } from 'pngjs';
import { request, Agent } from 'undici';

import { builtinFixtures } from './fixtures';
import { startEmulator } from './server';
import type { Emulator, EmulatorOptions, Fixtures, FixtureRecording } from './types';

export const DEMO = { apiKey: 'demo-api-key', secretKey: 'demo-secret-key' };
export const NOPERM = { apiKey: 'noperm-api-key', secretKey: 'noperm-secret-key' };
export const OTHER = { apiKey: 'other-api-key', secretKey: 'other-secret-key' };

// The built-in fixture's ids (see fixtures.ts).
export const TRAIN = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
export const DELIVERY = 'b2c3d4e5f60718293a4b5c6d7e8f90a1';
export const UNPUBLISHED = 'c3d4e5f60718293a4b5c6d7e8f90a1b2';
export const VAT = 'd4e5f60718293a4b5c6d7e8f90a1b2c3';
export const TAXI = 'e5f60718293a4b5c6d7e8f90a1b2c3d4';
export const OTHER_APP_TEMPLATE = 'f60718293a4b5c6d7e8f90a1b2c3d4e5';
export const GENERAL_CLASSIFIER = '1001';
export const FINANCE_CLASSIFIER = '2001';

export const TOKEN_PATH = '/oauth/2.0/token';
export const GENERAL = '/rest/2.0/solution/v1/iocr/recognise';
export const FINANCE = '/rest/2.0/solution/v1/iocr/recognise/finance';

/** A PNG whose pixels depend on `seed`, so different seeds give different sha256. */
export function png(width: number, height: number, seed = 0): Buffer {
	const image = new PNG({ width, height });
	for (let i = 0; i < image.data.length; i += 4) {
		image.data[i] = (seed * 37 + i) & 0xff;
		image.data[i + 1] = (seed * 91) & 0xff;
		image.data[i + 2] = (i >> 4) & 0xff;
		image.data[i + 3] = 0xff;
	}
	return PNG.sync.write(image);
}

export function jpeg(width: number, height: number): Buffer {
	return encodeJpeg({ width, height, data: Buffer.alloc(width * height * 4, 0x80) }, 50).data;
}

/** A 24-bit BMP (BITMAPINFOHEADER); negative height = top-down. */
export function bmp(width: number, height: number): Buffer {
	const rowSize = Math.ceil((width * 3) / 4) * 4;
	const pixels = rowSize * Math.abs(height);
	const buffer = Buffer.alloc(54 + pixels, 0xcc);
	buffer.write('BM', 0, 'latin1');
	buffer.writeUInt32LE(54 + pixels, 2);
	buffer.writeUInt32LE(0, 6);
	buffer.writeUInt32LE(54, 10);
	buffer.writeUInt32LE(40, 14);
	buffer.writeInt32LE(width, 18);
	buffer.writeInt32LE(height, 22);
	buffer.writeUInt16LE(1, 26);
	buffer.writeUInt16LE(24, 28);
	buffer.writeUInt32LE(0, 30);
	buffer.writeUInt32LE(pixels, 34);
	return buffer;
}

export function gif(width: number, height: number): Buffer {
	const buffer = Buffer.alloc(32, 0);
	buffer.write('GIF89a', 0, 'latin1');
	buffer.writeUInt16LE(width, 6);
	buffer.writeUInt16LE(height, 8);
	return buffer;
}

export function pdf(): Buffer {
	return Buffer.from(
		'%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
		'latin1',
	);
}

export const b64 = (bytes: Buffer) => bytes.toString('base64');
export const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** application/x-www-form-urlencoded, each value percent-encoded exactly once. */
export function form(params: Record<string, string>): string {
	return new URLSearchParams(params).toString();
}

/** Length of a value once form-encoded (what Baidu's 4 MB limit measures). */
export function encodedLength(value: string): number {
	if (/^[A-Za-z0-9+/=]*$/.test(value)) {
		// base64: counted without building a second multi-megabyte string
		let escaped = 0;
		for (let i = 0; i < value.length; i++) {
			const c = value.charCodeAt(i);
			if (c === 0x2b || c === 0x2f || c === 0x3d) escaped++;
		}
		return value.length + 2 * escaped;
	}
	return new URLSearchParams({ v: value }).toString().length - 2;
}

export interface Reply {
	status: number;
	contentType: string;
	text: string;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	json: any;
}

export interface CallOptions {
	/** the client gives up after this many ms (AbortSignal; undici's own timers are coarse) */
	timeoutMs?: number;
	method?: 'GET' | 'POST';
	contentType?: string;
}

// A private agent keeps one test file's connections away from other files' servers.
export const agent = new Agent({ keepAliveTimeout: 1000, connections: 64 });

export async function call(url: string, body: string | undefined, options: CallOptions = {}): Promise<Reply> {
	const response = await request(url, {
		method: options.method ?? 'POST',
		body,
		headers: body !== undefined ? { 'content-type': options.contentType ?? 'application/x-www-form-urlencoded' } : {},
		signal: options.timeoutMs !== undefined ? AbortSignal.timeout(options.timeoutMs) : undefined,
		dispatcher: agent,
	});
	const text = await response.body.text();
	let json: unknown = undefined;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: response.statusCode, contentType: String(response.headers['content-type'] ?? ''), text, json };
}

export async function getToken(emulator: Emulator, keys = DEMO): Promise<string> {
	const reply = await call(
		`${emulator.url}${TOKEN_PATH}`,
		form({ grant_type: 'client_credentials', client_id: keys.apiKey, client_secret: keys.secretKey }),
	);
	if (reply.status !== 200) throw new Error(`token exchange failed: ${reply.text}`);
	return reply.json.access_token as string;
}

export function recogniseUrl(emulator: Emulator, token: string | null, edition: 'general' | 'finance' = 'general'): string {
	const path = edition === 'finance' ? FINANCE : GENERAL;
	return `${emulator.url}${path}${token === null ? '' : `?access_token=${encodeURIComponent(token)}`}`;
}

/** A recognition call with params encoded once. */
export function recognise(
	emulator: Emulator,
	token: string | null,
	params: Record<string, string>,
	edition: 'general' | 'finance' = 'general',
	options: CallOptions = {},
): Promise<Reply> {
	return call(recogniseUrl(emulator, token, edition), form(params), options);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The built-in fixtures plus recordings keyed by inline sha256. */
export function fixturesWith(recordings: FixtureRecording[]): Fixtures {
	const fixtures = builtinFixtures();
	fixtures.recordings = recordings;
	return fixtures;
}

/** An emulator on the built-in fixtures (stable ids, independent of fixtures/baidu.json). */
export function start(options: EmulatorOptions = {}): Promise<Emulator> {
	return startEmulator({ quiet: true, fixtures: builtinFixtures(), ...options });
}

/**
 * One emulator (built-in fixtures) for the calling test file: started before its tests,
 * reset before each (log, counters, faults, limits, tokens), closed with the shared agent
 * at the end.
 */
export function useTestEmulator(): () => Emulator {
	let emulator: Emulator | undefined;
	beforeAll(async () => {
		emulator = await start();
	});
	afterAll(async () => {
		await emulator?.close();
		await agent.close();
	});
	beforeEach(() => emulator?.reset());
	return () => {
		if (!emulator) throw new Error('emulator not started');
		return emulator;
	};
}
