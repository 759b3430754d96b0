/**
 * `npm run dev`: a real n8n editor on http://localhost:5678 with this package loaded, the
 * emulator running on http://127.0.0.1:8787 and a credential for it ready ("Baidu iOCR
 * (emulator)"), plus the scenario workflow and the examples imported — for trying the node by
 * hand. Run `npm run build` first after changing the node. Ctrl+C stops both.
 */
import { join } from 'node:path';

import { startEmulator } from '../emulator';
import { loadExamples } from './examples';
import { ensureN8n, importJson, prepareUserFolder, startN8n } from './n8n';
import { emulatorCredential, scenariosWorkflow } from './workflows';

async function main(): Promise<void> {
	const cache = ensureN8n();
	const install = prepareUserFolder(cache, { keep: join(cache, 'dev-user') });
	const emulator = await startEmulator({
		port: Number(process.env.EMULATOR_PORT ?? 8787),
		quiet: true,
	});
	importJson(install, 'credentials', emulatorCredential(emulator.url));
	importJson(install, 'workflow', scenariosWorkflow());
	for (const example of loadExamples()) importJson(install, 'workflow', example);
	console.log(`Emulator: ${emulator.url} (demo-api-key / demo-secret-key)`);
	console.log(
		'n8n: http://localhost:5678 — open "Baidu iOCR e2e scenarios" and press Test workflow',
	);
	const n8n = startN8n(install);
	const stop = () => {
		n8n.kill('SIGTERM');
		void emulator.close().then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	n8n.on('exit', () => void emulator.close().then(() => process.exit(0)));
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
