/**
 * One of two processes sharing a plan (executions.ts): runs `count` documents in one execution
 * with the plan's QPS in the credential and prints when the node started and ended (epoch ms,
 * comparable across processes) and how many documents failed. It starts at `go` (epoch ms), so
 * that both processes start together whatever each took to load.
 *
 *   tsx sharedPlanChild.ts <emulator url> <token> <plan qps> <count> <go>
 */
import '../harness/userFolder';

import { runExecution } from './executions';

async function main(): Promise<void> {
	const [url, token, qps, count, go] = process.argv.slice(2);
	await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(go) - Date.now())));
	const offset = Date.now() - performance.now();
	const run = await runExecution(url, token, Number(qps), Number(count));
	const failed = run.result.main.flat().filter((item) => item.json.error !== undefined).length;
	console.log(
		JSON.stringify({ startedAt: offset + run.startedAt, endedAt: offset + run.endedAt, failed }),
	);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
