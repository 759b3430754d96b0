/**
 * `npm run dev`: a real n8n editor with this package installed as a community package, the
 * emulator on http://127.0.0.1:8787, a credential for it, an owner login, the scenario workflow
 * and the examples imported — for trying the node by hand. Everything lives in the cache folder
 * (nothing in ~/.n8n). Run `npm run build` first after changing the node. Ctrl+C stops both.
 */
import { join } from 'node:path';

import { startEmulator } from '../emulator';
import { loadExamples } from './examples';
import {
	ensureN8n,
	ensureOwner,
	importJson,
	OWNER,
	prepareUserFolder,
	startN8nServer,
} from './n8n';
import { CLASSIFIER, emulatorCredential, scenariosWorkflow, TEMPLATES } from './workflows';

async function main(): Promise<void> {
	console.log('Preparing n8n (the first time installs it: a few minutes) …');
	const cache = ensureN8n();
	const install = prepareUserFolder(cache, { keep: join(cache, 'dev-user') });
	const emulator = await startEmulator({
		port: Number(process.env.EMULATOR_PORT ?? 8787),
		quiet: true,
	});
	importJson(install, 'credentials', emulatorCredential(emulator.url));
	const scenarios = scenariosWorkflow();
	// One import for all workflows: each n8n CLI call costs a few seconds of start-up.
	importJson(install, 'workflow', [scenarios, ...loadExamples()]);
	console.log('Starting n8n …');
	const n8n = await startN8nServer(install, { port: Number(process.env.N8N_PORT ?? 5678) });
	await ensureOwner(n8n.url);

	const stop = () => {
		void Promise.all([n8n.stop(), emulator.close()]).then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	n8n.child.on('exit', () => void emulator.close().then(() => process.exit(0)));

	console.log(
		[
			'',
			`Baidu emulator  ${emulator.url}  (API Key demo-api-key, Secret Key demo-secret-key)`,
			`  Template IDs  train ticket ${TEMPLATES.trainTicket}`,
			`                receipt      ${TEMPLATES.receipt}`,
			`                invoice      ${TEMPLATES.invoice} (finance edition)`,
			`  Classifier ID ${CLASSIFIER}`,
			`  Credential    "Baidu iOCR (emulator)" is ready to pick in the node`,
			`  Sample files  ${join(install.env.N8N_RESTRICT_FILE_ACCESS_TO ?? '')}`,
			'',
			`n8n log         ${install.logFile}`,
			'',
			`n8n editor      ${n8n.url}`,
			`  Sign in       ${OWNER.email}  /  ${OWNER.password}`,
			`  Open          "${scenarios.name}": ${n8n.url}/workflow/${scenarios.id}`,
			'                and press "Execute workflow"; or search "Baidu" in the node panel (+).',
			'',
			'Ctrl+C stops n8n and the emulator.',
		].join('\n'),
	);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
