/**
 * The emulator in a process of its own, for timing benchmarks and tests: Baidu is another
 * machine, so its clock (the QPS window) must not stall when the node's process is busy, nor
 * the node's when the emulator decodes a 4 MB body. The parent drives it over IPC.
 *
 *   const emulator = await RemoteEmulator.start();   // child: node --import tsx remote.ts
 */
import { spawn, type ChildProcess } from 'child_process';

import { startEmulator, type RequestLogEntry } from '../emulator';

/** What the parent learns about the recognition requests since the last reset. */
export interface RemoteStats {
	requests: number;
	errors18: number;
	tokenExchanges: number;
	/** arrival times (ms since emulator start) of the recognition requests */
	arrivals: number[];
	/** Baidu's error_code answered to each (0 success, -1 none: a fault or no answer) */
	codes: number[];
	/** the recognition requests as the emulator logged them */
	log: RequestLogEntry[];
}

type Command =
	| { id: number; op: 'reset' }
	| { id: number; op: 'setQps'; qps: number | null }
	| { id: number; op: 'setLatency'; ms: number }
	| { id: number; op: 'stats' }
	| { id: number; op: 'close' };

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export class RemoteEmulator {
	private nextId = 0;

	private readonly pending = new Map<number, (value: unknown) => void>();

	private constructor(
		private readonly child: ChildProcess,
		readonly url: string,
	) {
		child.on('message', (message: { id: number; value: unknown }) => {
			this.pending.get(message.id)?.(message.value);
			this.pending.delete(message.id);
		});
	}

	static async start(): Promise<RemoteEmulator> {
		const child = spawn(process.execPath, ['--import', 'tsx', __filename, '--child'], {
			stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		});
		const url = await new Promise<string>((resolve, reject) => {
			child.once('message', (message: { url?: string }) =>
				message.url ? resolve(message.url) : reject(new Error('no url')),
			);
			child.once('exit', (code) => reject(new Error(`emulator process exited with ${code}`)));
		});
		return new RemoteEmulator(child, url);
	}

	private async call<T>(command: DistributiveOmit<Command, 'id'>): Promise<T> {
		const id = ++this.nextId;
		const answer = new Promise<unknown>((resolve) => this.pending.set(id, resolve));
		this.child.send({ ...command, id });
		return (await answer) as T;
	}

	async reset(): Promise<void> {
		await this.call({ op: 'reset' });
	}

	async setQps(qps: number | null): Promise<void> {
		await this.call({ op: 'setQps', qps });
	}

	async setLatency(ms: number): Promise<void> {
		await this.call({ op: 'setLatency', ms });
	}

	async stats(): Promise<RemoteStats> {
		return await this.call<RemoteStats>({ op: 'stats' });
	}

	async close(): Promise<void> {
		await this.call({ op: 'close' });
		await new Promise((resolve) => {
			if (this.child.exitCode !== null) resolve(undefined);
			else this.child.once('exit', resolve);
		});
	}
}

async function child(): Promise<void> {
	const emulator = await startEmulator({ quiet: true });
	const send = (message: unknown) => process.send?.(message);
	process.on('message', (command: Command) => {
		void (async () => {
			let value: unknown;
			if (command.op === 'reset') emulator.reset();
			else if (command.op === 'setQps') emulator.setQps(command.qps);
			else if (command.op === 'setLatency') emulator.setLatency(command.ms);
			else if (command.op === 'stats') {
				const log = emulator.recognitionRequests();
				value = {
					requests: log.length,
					errors18: log.filter((entry) => entry.errorCode === 18).length,
					tokenExchanges: emulator.tokenExchanges,
					arrivals: log.map((entry) => entry.at),
					codes: log.map((entry) => entry.errorCode ?? -1),
					log,
				} satisfies RemoteStats;
			} else if (command.op === 'close') {
				await emulator.close();
				send({ id: command.id, value });
				process.disconnect();
				return;
			}
			send({ id: command.id, value });
		})();
	});
	send({ url: emulator.url });
}

if (process.argv.includes('--child')) {
	child().catch((error: unknown) => {
		console.error(error);
		process.exit(1);
	});
}
