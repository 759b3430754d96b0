/**
 * `npm run demo -- --real-n8n`: the demo's workflow in a real n8n (installed once into a cache
 * folder), with the package installed as a community package, against the emulator.
 */
import { rmSync } from 'node:fs';

import { startEmulator } from '../emulator';
import { ensureN8n, executeWorkflow, importJson, outputOf, prepareUserFolder } from './n8n';
import { emulatorCredential, scenariosWorkflow } from './workflows';

export async function runDemoInRealN8n(): Promise<void> {
	console.log('Installing or reusing a real n8n (first time: about 3 minutes) …');
	const install = prepareUserFolder(ensureN8n());
	const emulator = await startEmulator({ quiet: true });
	try {
		importJson(install, 'credentials', emulatorCredential(emulator.url));
		importJson(install, 'workflow', scenariosWorkflow());
		console.log('Running the scenario workflow with `n8n execute` …');
		const run = await executeWorkflow(install, 'wfBaiduScenarios');
		if (!run.run)
			throw new Error(`n8n printed no run (exit ${run.status}): ${run.stderr.slice(-800)}`);
		for (const node of [
			'Template',
			'Classifier',
			'Finance PDF',
			'Attachments',
			'Review',
			'Continue On Error',
		]) {
			const outputs = [0, 1].map((i) => outputOf(run, node, i).length);
			console.log(`  ${node.padEnd(20)} output items: ${outputs.join(' / ')}`);
		}
		console.log(
			`Token exchanges: ${emulator.tokenExchanges}; recognition requests: ${emulator.recognitionRequests().length}`,
		);
	} finally {
		await emulator.close();
		rmSync(install.userFolder, { recursive: true, force: true });
	}
}
