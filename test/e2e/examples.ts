/**
 * The example workflows in examples/: each imports into the real n8n as shipped, and an offline
 * copy runs (trigger → Manual Trigger + sample files, external services → No Operation,
 * credential → the emulator's).
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { executeWorkflow, importJson, NODE_TYPE, outputOf, REPO, type N8nInstall } from './n8n';
import type { Report } from './report';
import { asEmail, CREDENTIAL, read } from './workflows';

interface ExampleNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
}
type Connections = Record<
	string,
	{ main: Array<Array<{ node: string; type: string; index: number }>> }
>;
interface Example {
	id: string;
	name: string;
	nodes: ExampleNode[];
	connections: Connections;
}

const EXAMPLES_DIR = join(REPO, 'examples');
/** Sample files that stand in for each example's real input. */
const OFFLINE_INPUT: Record<string, string> = {
	exBaiduEmailToSheets: '{receipt.bmp,sample.gif}',
	exBaiduClassifierSwitch: '{train-ticket.png,receipt.bmp,asset-tag.png}',
	exBaiduReviewApproval: '{receipt.bmp,receipt-blurry.png}',
	exBaiduScheduledFolder: '{invoice.jpg,invoice.pdf}',
};
const EXTERNAL = new Set(['n8n-nodes-base.googleSheets', 'n8n-nodes-base.gmail']);

export function loadExamples(): Example[] {
	return readdirSync(EXAMPLES_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => JSON.parse(readFileSync(join(EXAMPLES_DIR, f), 'utf8')) as Example);
}

/** The offline copy of an example: same iOCR part, offline inputs and sinks. */
export function offlineCopy(example: Example): Example {
	const glob = OFFLINE_INPUT[example.id] ?? 'train-ticket.png';
	const nodes: ExampleNode[] = [];
	const connections: Connections = JSON.parse(JSON.stringify(example.connections)) as Connections;
	for (const original of example.nodes) {
		const node: ExampleNode = JSON.parse(JSON.stringify(original)) as ExampleNode;
		if (node.type === NODE_TYPE) node.credentials = { baiduIocrApi: CREDENTIAL };
		if (node.type === 'n8n-nodes-base.emailReadImap') {
			const manual = {
				...node,
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				parameters: {},
			};
			const files = { ...read(`${node.name} files`, glob), position: node.position } as ExampleNode;
			const email = { ...asEmail(`${node.name} as email`), position: node.position } as ExampleNode;
			nodes.push(manual, files, email);
			connections[email.name] = connections[node.name];
			connections[node.name] = { main: [[{ node: files.name, type: 'main', index: 0 }]] };
			connections[files.name] = { main: [[{ node: email.name, type: 'main', index: 0 }]] };
			continue;
		}
		if (node.type === 'n8n-nodes-base.scheduleTrigger') {
			node.type = 'n8n-nodes-base.manualTrigger';
			node.typeVersion = 1;
			node.parameters = {};
		}
		if (node.type === 'n8n-nodes-base.readWriteFile') {
			if (node.parameters.operation === 'write') {
				node.type = 'n8n-nodes-base.noOp';
				node.typeVersion = 1;
				node.parameters = {};
			} else node.parameters = read(node.name, glob).parameters;
		}
		if (EXTERNAL.has(node.type)) {
			node.type = 'n8n-nodes-base.noOp';
			node.typeVersion = 1;
			node.parameters = {};
			delete node.credentials;
		}
		nodes.push(node);
	}
	return {
		...example,
		id: `${example.id}Off`,
		name: `${example.name} (offline)`,
		nodes,
		connections,
	};
}

export async function checkExamples(install: N8nInstall, check: Report['check']): Promise<void> {
	for (const example of loadExamples()) {
		await check(
			`example "${example.name}" imports as shipped and its offline copy runs`,
			async () => {
				importJson(install, 'workflow', example);
				const offline = offlineCopy(example);
				importJson(install, 'workflow', offline);
				const run = await executeWorkflow(install, offline.id);
				assert.ok(run.run, `no run data (exit ${run.status}): ${run.stderr.slice(-1500)}`);
				assert.equal(
					run.run?.data.resultData.error,
					undefined,
					JSON.stringify(run.run?.data.resultData.error),
				);
				const baidu = example.nodes.find((n) => n.type === NODE_TYPE);
				const baiduName = baidu?.name ?? '';
				const items = [0, 1].flatMap((output) => outputOf(run, baiduName, output));
				const produced = items.map((i) => i.json);
				const options = (baidu?.parameters.options ?? {}) as Record<string, unknown>;
				if (options.attachReviewPicture === true) {
					// Each document's picture (PNG unless the example asks for SVG), stored by n8n as
					// binary data, next to its fields and the numbers drawn on its boxes.
					const svg = options.reviewPictureFormat === 'svg';
					const pictures = items.map((i) => i.binary?.review);
					assert.ok(
						pictures.every(
							(p) =>
								p?.mimeType === (svg ? 'image/svg+xml' : 'image/png') &&
								(svg ? /-review\.svg$/ : /-review\.png$/).test(p.fileName ?? ''),
						),
						JSON.stringify(pictures).slice(0, 500),
					);
					assert.ok(
						produced.every((json) => json.pictureNumbers ?? json.pictureNumber),
						JSON.stringify(produced).slice(0, 500),
					);
				}
				assert.ok(produced.length > 0, 'the iOCR node produced nothing');
				assert.ok(
					produced.some((json) => json.document !== undefined),
					JSON.stringify(produced).slice(0, 500),
				);
			},
		);
	}
}
