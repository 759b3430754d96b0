import { PNG } from 'pngjs';

import { BaiduIocrApi } from '../../credentials/BaiduIocrApi.credentials';
import { MemoryCredentialsHelper } from './credentials';
import { CREDENTIAL_ID, CREDENTIAL_NAME } from './run';

export const DEMO_API_KEY = 'demo-api-key';
export const DEMO_SECRET_KEY = 'demo-secret-key';
export const TRAIN_TICKET_TEMPLATE = '1c65a67f151df56ba4e29c4dddace5ee';

/**
 * A credential store holding one Baidu iOCR credential pointed at the emulator. Its plan QPS is
 * 1000 unless given, so the node's Requests per Second option sets each test's rate.
 */
export function credentialsFor(
	baseUrl: string,
	keys: { apiKey?: string; secretKey?: string; accessToken?: string; planQps?: number } = {},
): MemoryCredentialsHelper {
	return new MemoryCredentialsHelper({ baiduIocrApi: new BaiduIocrApi() }).add({
		id: CREDENTIAL_ID,
		name: CREDENTIAL_NAME,
		type: 'baiduIocrApi',
		data: {
			apiKey: keys.apiKey ?? DEMO_API_KEY,
			secretKey: keys.secretKey ?? DEMO_SECRET_KEY,
			accessToken: keys.accessToken ?? '',
			baseUrl,
			planQps: keys.planQps ?? 1000,
		},
	});
}

/** A real PNG of the given size; `seed` changes the pixels (and so the content hash). */
export function makePng(width = 64, height = 48, seed = 1): Buffer {
	const png = new PNG({ width, height });
	for (let i = 0; i < png.data.length; i += 4) {
		const v = (i * 31 + seed * 97) % 251;
		png.data[i] = v;
		png.data[i + 1] = (v * 3 + seed) % 256;
		png.data[i + 2] = (v * 7) % 256;
		png.data[i + 3] = 255;
	}
	return PNG.sync.write(png);
}

/** Every place a secret could hide in a serialized run; returns the secrets found. */
export function leakedSecrets(serialized: string, secrets: string[]): string[] {
	return secrets.filter((secret) => secret.length > 0 && serialized.includes(secret));
}
