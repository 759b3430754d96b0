/**
 * The `url` parameter: Baidu downloads the image itself. The emulator only ever fetches
 * loopback addresses (tests run a second local server); anything else is "not found".
 */
import * as http from 'http';
import * as https from 'https';

export type UrlFetchResult =
	| { kind: 'ok'; bytes: Buffer }
	| { kind: 'timeout' }
	| { kind: 'status'; status: number }
	| { kind: 'error'; message: string }
	| { kind: 'tooLarge' };

export function isLoopbackHost(hostname: string): boolean {
	const host = hostname.toLowerCase();
	return host === 'localhost' || host === '[::1]' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** GETs a URL with an overall deadline; never follows redirects (a 3xx is an invalid answer). */
export function fetchUrl(
	target: URL,
	timeoutMs: number,
	maxBytes: number,
	signal: AbortSignal,
): Promise<UrlFetchResult> {
	return new Promise((resolve) => {
		let settled = false;
		const finish = (result: UrlFetchResult) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			resolve(result);
		};
		const client = target.protocol === 'https:' ? https : http;
		const request = client.get(target, { signal, rejectUnauthorized: false }, (response) => {
			if (response.statusCode !== 200) {
				response.resume();
				finish({ kind: 'status', status: response.statusCode ?? 0 });
				request.destroy();
				return;
			}
			const chunks: Buffer[] = [];
			let size = 0;
			response.on('data', (chunk: Buffer) => {
				size += chunk.length;
				if (size > maxBytes) {
					finish({ kind: 'tooLarge' });
					request.destroy();
					return;
				}
				chunks.push(chunk);
			});
			response.on('end', () => finish({ kind: 'ok', bytes: Buffer.concat(chunks) }));
			response.on('error', (error) => finish({ kind: 'error', message: error.message }));
		});
		const timer = setTimeout(() => {
			finish({ kind: 'timeout' });
			request.destroy();
		}, timeoutMs);
		request.on('error', (error) => finish({ kind: 'error', message: error.message }));
	});
}
