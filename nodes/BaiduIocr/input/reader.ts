import type { IExecuteFunctions } from 'n8n-workflow';

import type { InputProblem } from '../model';

/**
 * Memory that is allocated once and reused from file to file, growing when a bigger one comes.
 *
 * A document of a few megabytes read or encoded into fresh buffers leaves that much garbage
 * behind per document; V8 frees such buffers only in a full garbage collection, and lets about
 * 64 MB of them pile up before it runs one. Reusing one buffer per slot keeps the node's
 * memory at "Concurrency" files and bodies, whatever the number of items.
 */
export class ReusableBuffer {
	private buffer = Buffer.alloc(0);

	/**
	 * A buffer of at least `size` bytes whose first `keep` bytes are those of the previous
	 * one; the rest is undefined. Valid until the next call.
	 */
	room(size: number, keep = 0): Buffer {
		if (this.buffer.length >= size) return this.buffer;
		const bigger = Buffer.allocUnsafe(Math.max(size, Math.ceil(this.buffer.length * 1.5)));
		this.buffer.copy(bigger, 0, 0, keep);
		this.buffer = bigger;
		return bigger;
	}
}

/** A file n8n could not give back (pruned, or its storage unreachable), in words. */
export function unreadableFile(error: unknown): InputProblem {
	const said = (error instanceof Error ? error.message : String(error)).slice(0, 300);
	return {
		message: "The file could not be read from n8n's binary data storage.",
		description:
			`n8n said: ${said}. The file may have been deleted (n8n prunes the binary data of old executions) ` +
			'or its storage (disk, S3, database) may be unreachable. Run the workflow again from the node that produced the file.',
	};
}

/**
 * Reads an item's binary file through n8n's helpers, the way n8n's own nodes do: a file in
 * n8n's binary data store (an `id`: filesystem, S3 or database mode, n8n 2.x's default) is
 * streamed into memory this reader reuses for the next file; a file held in the item itself
 * (memory mode) comes from `getBinaryDataBuffer`. The bytes returned stay valid until the
 * next `read`.
 */
export class FileReader {
	private readonly memory = new ReusableBuffer();

	async read(fn: IExecuteFunctions, itemIndex: number, property: string): Promise<Uint8Array> {
		const binary = fn.helpers.assertBinaryData(itemIndex, property);
		if (!binary.id) return await fn.helpers.getBinaryDataBuffer(itemIndex, property);
		// The size, when the store knows it, sizes the memory once; otherwise it grows as read.
		const fileSize = await fn.helpers.getBinaryMetadata(binary.id).then(
			(metadata) => metadata.fileSize,
			() => 0,
		);
		let target = this.memory.room(fileSize);
		let length = 0;
		const stream = await fn.helpers.getBinaryStream(binary.id);
		for await (const chunk of stream) {
			const bytes = chunk as Buffer;
			target = this.memory.room(length + bytes.length, length);
			bytes.copy(target, length);
			length += bytes.length;
		}
		return target.subarray(0, length);
	}
}
