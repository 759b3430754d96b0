/**
 * Where a secret could hide in what a run leaves behind: the run as n8n stores it (its JSON),
 * and the live objects a test gets back, searched through every own property, non-enumerable
 * ones included (an Error's message, description, stack and cause are not all in its JSON).
 */

/** Every string reachable from `value`, one per line. */
export function everyText(value: unknown): string {
	const texts: string[] = [];
	const seen = new WeakSet<object>();
	const visit = (current: unknown, depth: number) => {
		if (typeof current === 'string') {
			texts.push(current);
			return;
		}
		if (
			typeof current === 'number' ||
			typeof current === 'bigint' ||
			typeof current === 'boolean'
		) {
			texts.push(String(current));
			return;
		}
		if (current === null || typeof current !== 'object' || depth > 40) return;
		if (seen.has(current)) return;
		seen.add(current);
		if (Buffer.isBuffer(current)) {
			texts.push(current.toString('latin1'));
			return;
		}
		if (current instanceof Map) {
			for (const [key, entry] of current) {
				visit(key, depth + 1);
				visit(entry, depth + 1);
			}
		}
		if (current instanceof Set) for (const entry of current) visit(entry, depth + 1);
		for (const key of Reflect.ownKeys(current)) {
			if (typeof key === 'string') texts.push(key);
			let entry: unknown;
			try {
				entry = (current as Record<string | symbol, unknown>)[key];
			} catch {
				continue;
			}
			visit(entry, depth + 1);
		}
	};
	visit(value, 0);
	return texts.join('\n');
}

/** The secrets (non-empty) found anywhere in the given values, each once. */
export function secretsFoundIn(values: unknown[], secrets: string[]): string[] {
	const haystack = values.map((value) => everyText(value)).join('\n');
	return [...new Set(secrets.filter((secret) => secret.length > 0 && haystack.includes(secret)))];
}
