/**
 * n8n-core's binary data service in filesystem mode (n8n 2.x's default): files that nodes store
 * go to a scratch folder on disk, and items carry only their id. Without this, the engine keeps
 * every file in its item as base64 (memory mode). Call once per process (or jest test file),
 * before the first run.
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

export interface FilesystemBinaryMode {
	folder: string;
	/** Deletes the scratch folder. */
	remove(): void;
}

export async function useFilesystemBinaryMode(): Promise<FilesystemBinaryMode> {
	const folder = mkdtempSync(join(tmpdir(), 'baidu-iocr-binary-'));
	process.env.N8N_DEFAULT_BINARY_DATA_MODE = 'filesystem';
	process.env.N8N_BINARY_DATA_STORAGE_PATH = folder;
	// n8n-core's own copy of the DI container, which holds its services.
	const di = require(require.resolve('@n8n/di', { paths: [require.resolve('n8n-core')] })) as {
		Container: { get<T>(type: new (...args: never[]) => T): T };
	};
	const { BinaryDataService } = await import('n8n-core');
	await di.Container.get(BinaryDataService).init();
	return { folder, remove: () => rmSync(folder, { recursive: true, force: true }) };
}
