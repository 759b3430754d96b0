/**
 * The example workflows as files: n8n refuses to import a workflow whose nodes share an id or a
 * name, or whose connections name a node that is not there. (The real-n8n suite imports and
 * runs them; this catches the mistake in seconds.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Workflow {
	nodes: Array<{ id: string; name: string }>;
	connections: Record<string, { main: Array<Array<{ node: string }>> }>;
}

const dir = join(__dirname, '..', 'examples');
const files = readdirSync(dir).filter((file) => file.endsWith('.json'));

describe.each(files)('examples/%s', (file) => {
	const workflow = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Workflow;
	const names = workflow.nodes.map((node) => node.name);

	it('has unique node ids and names', () => {
		const ids = workflow.nodes.map((node) => node.id);
		expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
		expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
	});

	it('connects only nodes it has', () => {
		for (const [from, outputs] of Object.entries(workflow.connections)) {
			expect(names).toContain(from);
			for (const target of outputs.main.flat()) expect(names).toContain(target.node);
		}
	});
});
