/**
 * Import first, before anything that loads n8n-core: n8n-core writes its instance settings
 * (`.n8n/config`, an encryption key) into N8N_USER_FOLDER, which defaults to the user's home.
 * The demo, the benchmarks and the tests keep that in a scratch folder of their own instead.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SCRATCH_USER_FOLDER = join(tmpdir(), 'n8n-nodes-baidu-iocr-engine');
mkdirSync(SCRATCH_USER_FOLDER, { recursive: true });
process.env.N8N_USER_FOLDER = SCRATCH_USER_FOLDER;
