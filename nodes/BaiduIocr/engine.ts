import { version as workflowVersion } from 'n8n-workflow/package.json';

/**
 * What the n8n running the node can do, where its versions differ. Read from the version of
 * the n8n-workflow that n8n provides (a peer dependency), which follows n8n's own.
 */

/** n8n 2.36 and later send `{ error, message?, details }` items to the error output. */
const DETAILS_SINCE: readonly [number, number] = [2, 36];

/**
 * Whether an error item may carry `details` and still reach the error output. Older n8n
 * (1.x, 2.0 to 2.35) sends an item there only when its json is exactly `{ error }` or
 * `{ error, message }`. A version that cannot be read counts as older: items shaped for the
 * older rule reach the error output on every version.
 */
export function errorOutputKeepsDetails(version: unknown = workflowVersion): boolean {
	const [major, minor] = String(version ?? '')
		.split('.')
		.map(Number);
	if (!Number.isInteger(major) || !Number.isInteger(minor)) return false;
	return major > DETAILS_SINCE[0] || (major === DETAILS_SINCE[0] && minor >= DETAILS_SINCE[1]);
}
