/**
 * The url parameter: the emulator downloads from a second loopback server, with
 * Baidu's url errors (282110..282114) and the image checks on what it downloads.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';

import { start, agent, b64, getToken, gif, png, recognise, sha, TRAIN, fixturesWith } from './testkit';
import type { Emulator } from './types';

const recorded = png(30, 30, 42);
const plain = png(30, 30, 43);
let files: http.Server;
let filesUrl: string;
let emulator: Emulator;
let token: string;
const hits: string[] = [];
const pending = new Set<http.ServerResponse>();

beforeAll(async () => {
	files = http.createServer((req, res) => {
		hits.push(req.url ?? '');
		const path = (req.url ?? '').split('?')[0];
		const send = (status: number, body: Buffer | string, type = 'image/png') => {
			res.writeHead(status, { 'content-type': type });
			res.end(body);
		};
		if (path === '/recorded.png') send(200, recorded);
		else if (path === '/plain.png') send(200, plain);
		else if (path === '/anim.gif') send(200, gif(40, 40), 'image/gif');
		else if (path === '/tiny.png') send(200, png(10, 10));
		else if (path === '/empty.png') send(200, Buffer.alloc(0));
		else if (path === '/moved.png') {
			res.writeHead(302, { location: '/plain.png' });
			res.end();
		} else if (path === '/slow.png') {
			pending.add(res); // never answered; ended in afterAll
		} else if (path === '/trickle.png') {
			res.writeHead(200, { 'content-type': 'image/png' });
			res.write(plain.subarray(0, 10));
			pending.add(res);
		} else send(404, 'not found', 'text/plain');
	});
	await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
	filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
	emulator = await start({
		urlFetchTimeoutMs: 200,
		fixtures: fixturesWith([
			{
				sample: 'recorded.png',
				sha256: sha(recorded),
				templateSign: TRAIN,
				isStructured: true,
				ret: [{ word_name: '终点站', word: '天津' }],
			},
		]),
	});
	token = await getToken(emulator);
});

afterAll(async () => {
	await emulator.close();
	for (const res of pending) res.destroy();
	files.closeAllConnections();
	await new Promise((resolve) => files.close(resolve));
	await agent.close();
});

const viaUrl = async (url: string) => (await recognise(emulator, token, { url, templateSign: TRAIN })).json;

describe('url', () => {
	it('downloads the image and answers its recording (matched by the downloaded bytes)', async () => {
		const reply = await viaUrl(`${filesUrl}/recorded.png`);
		expect(reply.error_code).toBe(0);
		expect(reply.data.ret).toEqual([{ word_name: '终点站', word: '天津' }]);
		expect(hits).toContain('/recorded.png');
		const entry = emulator.recognitionRequests().at(-1);
		expect(entry?.fileField).toBe('url');
		expect(entry?.params.url).toBe(`${filesUrl}/recorded.png`);
	});

	it('answers an unrecorded downloaded image from the template', async () => {
		const reply = await viaUrl(`${filesUrl}/plain.png`);
		expect(reply.error_code).toBe(0);
		expect(reply.data.ret).toHaveLength(6);
	});

	it('is ignored when image is present', async () => {
		const before = hits.length;
		const reply = await recognise(emulator, token, { image: b64(recorded), url: `${filesUrl}/plain.png`, templateSign: TRAIN });
		expect(reply.json.data.ret).toEqual([{ word_name: '终点站', word: '天津' }]);
		expect(hits.length).toBe(before);
	});

	it('answers 282114 for a url over 1024 bytes (and does not fetch it)', async () => {
		const before = hits.length;
		const url = `${filesUrl}/plain.png?pad=${'x'.repeat(1024)}`;
		expect((await viaUrl(url)).error_code).toBe(282114);
		expect(hits.length).toBe(before);
		// exactly 1024 bytes is allowed
		const exact = `${filesUrl}/plain.png?pad=`;
		expect((await viaUrl(exact + 'x'.repeat(1024 - exact.length))).error_code).toBe(0);
	});

	it('answers 282111 for a malformed or non-http url', async () => {
		expect((await viaUrl('not a url')).error_code).toBe(282111);
		expect((await viaUrl('ftp://127.0.0.1/x.png')).error_code).toBe(282111);
		expect((await viaUrl('file:///etc/passwd')).error_code).toBe(282111);
		expect((await viaUrl('')).error_code).toBe(282111);
	});

	it('answers 282110 for hosts off loopback (never fetched) and unreachable ones', async () => {
		expect((await viaUrl('http://example.com/x.png')).error_code).toBe(282110);
		expect((await viaUrl('http://10.1.2.3/x.png')).error_code).toBe(282110);
		const closed = http.createServer();
		await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
		const port = (closed.address() as AddressInfo).port;
		await new Promise((resolve) => closed.close(resolve));
		expect((await viaUrl(`http://127.0.0.1:${port}/x.png`)).error_code).toBe(282110);
	});

	it('answers 282112 when the download outlasts urlFetchTimeoutMs (no answer, or a trickle)', async () => {
		const started = Date.now();
		expect((await viaUrl(`${filesUrl}/slow.png`)).error_code).toBe(282112);
		expect(Date.now() - started).toBeGreaterThanOrEqual(190);
		expect((await viaUrl(`${filesUrl}/trickle.png`)).error_code).toBe(282112);
		expect(await recognise(emulator, token, { url: `${filesUrl}/slow.png`, templateSign: TRAIN }).then((r) => r.json.error_msg)).toBe(
			'url download timeout',
		);
	});

	it('answers 282113 for a non-200 answer, redirects included', async () => {
		expect((await viaUrl(`${filesUrl}/missing.png`)).error_code).toBe(282113);
		expect((await viaUrl(`${filesUrl}/moved.png`)).error_code).toBe(282113);
	});

	it('checks the download like an image: 216201 gif, 216202 tiny, 216200 empty', async () => {
		expect((await viaUrl(`${filesUrl}/anim.gif`)).error_code).toBe(216201);
		expect((await viaUrl(`${filesUrl}/tiny.png`)).error_code).toBe(216202);
		expect((await viaUrl(`${filesUrl}/empty.png`)).error_code).toBe(216200);
	});

	it('logs the url length as the encoded length', async () => {
		const url = `${filesUrl}/plain.png?a=1&b=2`;
		await viaUrl(url);
		expect(emulator.recognitionRequests().at(-1)?.encodedLength).toBe(encodeURIComponent(url).length);
	});
});
