/**
 * Workflows the end-to-end suite imports into a real n8n. They use only n8n's own nodes
 * (Manual Trigger, Read/Write Files from Disk, Code, No Operation) around ours.
 */
import { join } from 'node:path';

import { NODE_TYPE, REPO } from './n8n';

export const SAMPLES = join(REPO, 'test', 'samples', 'files');
export const CREDENTIAL = { id: 'baiduE2eCred01', name: 'Baidu iOCR (emulator)' };
export const DEMO_KEYS = { apiKey: 'demo-api-key', secretKey: 'demo-secret-key' };

/** The credential n8n imports for the emulator: demo keys, no token yet. */
export function emulatorCredential(baseUrl: string) {
	return [
		{
			id: CREDENTIAL.id,
			name: CREDENTIAL.name,
			type: 'baiduIocrApi',
			data: { ...DEMO_KEYS, accessToken: '', baseUrl },
		},
	];
}
export const TEMPLATES = {
	trainTicket: '1c65a67f151df56ba4e29c4dddace5ee',
	receipt: '22e3182ebcc86d91ce0592363ea8dd6d',
	invoice: '2b404fb9fb05aa69b2772de64f9030b1',
};
export const CLASSIFIER = '1001';

type Params = Record<string, unknown>;
interface WfNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Params;
	credentials?: Record<string, { id: string; name: string }>;
	onError?: string;
}

let counter = 0;
const node = (
	name: string,
	type: string,
	typeVersion: number,
	parameters: Params,
	extra: Partial<WfNode> = {},
): WfNode => ({
	id: `n${++counter}`,
	name,
	type,
	typeVersion,
	position: [counter * 200, 0],
	parameters,
	...extra,
});

export const read = (name: string, glob: string) =>
	node(name, 'n8n-nodes-base.readWriteFile', 1, { fileSelector: join(SAMPLES, glob), options: {} });

export const baidu = (name: string, parameters: Params, extra: Partial<WfNode> = {}) =>
	node(name, NODE_TYPE, 1, parameters, { credentials: { baiduIocrApi: CREDENTIAL }, ...extra });

export const noop = (name: string) => node(name, 'n8n-nodes-base.noOp', 1, {});

/** Puts every incoming file on one item as attachment_0, attachment_1, ... like an email trigger. */
export const asEmail = (name: string) =>
	node(name, 'n8n-nodes-base.code', 2, {
		jsCode: [
			'const binary = {};',
			"$input.all().forEach((item, i) => { binary['attachment_' + i] = item.binary.data; });",
			"return [{ json: { subject: 'Scans for March', from: 'accounts@example.com' }, binary }];",
		].join('\n'),
	});

const COLUMN = 260;
const ROW = 160;

/**
 * Positions that read at zoom-to-fit: one row per chain, the shared trigger in front of them,
 * the target of a second output just below its chain.
 */
function layOut(nodes: WfNode[], chains: string[][], extra: Array<[string, number, string]>) {
	const byName = new Map(nodes.map((n) => [n.name, n]));
	const placed = new Set<string>();
	const place = (name: string, x: number, y: number) => {
		const target = byName.get(name);
		if (!target || placed.has(name)) return;
		target.position = [x, y];
		placed.add(name);
	};
	// A chain that starts at a node placed by an earlier chain branches off from it.
	const inner = new Set(chains.flatMap((chain) => chain.slice(1)));
	let y = 0;
	for (const chain of chains) {
		const from = byName.get(chain[0]);
		const x0 = inner.has(chain[0]) && from ? from.position[0] : 0;
		chain.forEach((name, k) => k > 0 && place(name, x0 + k * COLUMN, y));
		const below = extra.filter(([source]) => chain.includes(source));
		for (const [source, , to] of below)
			place(to, x0 + (chain.indexOf(source) + 1) * COLUMN, y + ROW);
		y += below.length > 0 ? ROW * 2 : ROW;
	}
	const starts = [...new Set(chains.map((chain) => chain[0]))].filter((name) => !inner.has(name));
	starts.forEach((name, i) => place(name, 0, ((y - ROW) * (i + 1)) / (starts.length + 1)));
}

/** Chains: each entry is a list of node names connected output 0 → input; `[from, output, to]` for others. */
export function workflow(
	id: string,
	name: string,
	nodes: WfNode[],
	chains: string[][],
	extra: Array<[string, number, string]> = [],
) {
	const connections: Record<
		string,
		{ main: Array<Array<{ node: string; type: string; index: number }>> }
	> = {};
	const link = (from: string, output: number, to: string) => {
		connections[from] ??= { main: [] };
		while (connections[from].main.length <= output) connections[from].main.push([]);
		connections[from].main[output].push({ node: to, type: 'main', index: 0 });
	};
	for (const chain of chains)
		for (let i = 1; i < chain.length; i++) link(chain[i - 1], 0, chain[i]);
	for (const [from, output, to] of extra) link(from, output, to);
	layOut(nodes, chains, extra);
	return {
		id,
		name,
		active: false,
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/** The main scenario workflow: one execution covers every operation and input shape. */
export function scenariosWorkflow() {
	const manual = node('Manual', 'n8n-nodes-base.manualTrigger', 1, {});
	const nodes = [
		manual,
		read('Read Ticket', 'train-ticket.png'),
		baidu('Template', {
			operation: 'recognizeTemplate',
			templateSign: TEMPLATES.trainTicket,
			output: 'document',
		}),
		read('Read Ticket JPEG', 'train-ticket.jpg'),
		baidu('Classifier', {
			operation: 'recognizeClassifier',
			classifierId: CLASSIFIER,
			output: 'field',
		}),
		read('Read Invoice PDF', 'invoice-multipage.pdf'),
		// PDF Pages left unset, as in a workflow saved before the option: All Pages.
		baidu('Finance PDF', {
			operation: 'recognizeFinance',
			financeMode: 'template',
			templateSign: TEMPLATES.invoice,
			output: 'document',
		}),
		baidu('Finance PDF First Page', {
			operation: 'recognizeFinance',
			financeMode: 'template',
			templateSign: TEMPLATES.invoice,
			output: 'document',
			pdfPages: 'first',
		}),
		read('Read Attachments', '{train-ticket.png,receipt.bmp,asset-tag.png}'),
		asEmail('As Email'),
		baidu('Attachments', {
			operation: 'recognizeClassifier',
			classifierId: CLASSIFIER,
			binarySelection: 'all',
			output: 'document',
			options: { includeInputFields: true },
		}),
		read('Read Blurry', 'receipt-blurry.png'),
		baidu('Review', {
			operation: 'recognizeTemplate',
			templateSign: TEMPLATES.receipt,
			output: 'field',
			options: { minConfidence: 0.8, routeLowConfidence: true },
		}),
		noop('Confident'),
		noop('Needs Review'),
		read('Read Mixed Bag', '{train-ticket.png,sample.gif,tiny.png,receipt.bmp}'),
		baidu(
			'Continue On Error',
			{ operation: 'recognizeTemplate', templateSign: TEMPLATES.trainTicket, output: 'document' },
			{ onError: 'continueErrorOutput' },
		),
		noop('Recognised'),
		noop('Failed'),
	];
	return workflow(
		'wfBaiduScenarios',
		'Baidu iOCR e2e scenarios',
		nodes,
		[
			['Manual', 'Read Ticket', 'Template'],
			['Manual', 'Read Ticket JPEG', 'Classifier'],
			['Manual', 'Read Invoice PDF', 'Finance PDF'],
			['Read Invoice PDF', 'Finance PDF First Page'],
			['Manual', 'Read Attachments', 'As Email', 'Attachments'],
			['Manual', 'Read Blurry', 'Review', 'Confident'],
			['Manual', 'Read Mixed Bag', 'Continue On Error', 'Recognised'],
		],
		[
			['Review', 1, 'Needs Review'],
			['Continue On Error', 1, 'Failed'],
		],
	);
}

/** A small workflow for the token scenarios: one ticket, one request. */
export function singleTicketWorkflow() {
	return workflow(
		'wfBaiduSingle',
		'Baidu iOCR e2e single ticket',
		[
			node('Manual', 'n8n-nodes-base.manualTrigger', 1, {}),
			read('Read Ticket', 'train-ticket.png'),
			baidu('Template', {
				operation: 'recognizeTemplate',
				templateSign: TEMPLATES.trainTicket,
				output: 'field',
			}),
		],
		[['Manual', 'Read Ticket', 'Template']],
	);
}
