/** One line of the benchmark's table (README's Performance table follows it). */
export interface BenchRow {
	benchmark: string;
	measured: string;
	ratio: string;
	target: string;
	ok: boolean;
	extra?: string;
}
