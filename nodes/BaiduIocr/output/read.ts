import type { IDataObject } from 'n8n-workflow';

/**
 * Liberal readers for Baidu's `data`: whatever shape arrives, they return plain values
 * (a finite number, a string, or null) and never throw. Baidu's words (`word_name`, `word`,
 * `probability`) are read here and turned into the user's words (field, value, confidence).
 */

export interface Confidence {
	average: number | null;
	min: number | null;
	variance: number | null;
}

export interface Location {
	left: number | null;
	top: number | null;
	width: number | null;
	height: number | null;
}

/** One entry of `data.ret`, in the user's words. */
export interface RecognisedField {
	/** Baidu's `word_name`; null for a plain line or an entry without a name. */
	name: string | null;
	/** Baidu's `word`; '' when it is missing. */
	value: string;
	/** Baidu's `probability`; null when Baidu sent none. */
	confidence: Confidence | null;
	location: Location | null;
}

export function isRecord(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A finite number from a number or a numeric string ("0.98" → 0.98); otherwise null. */
export function readNumber(value: unknown): number | null {
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	if (typeof value === 'string') {
		const text = value.trim();
		if (text === '') return null;
		const parsed = Number(text);
		return Number.isFinite(parsed) ? parsed : null;
	}
	return null;
}

/** Text from a string, number or boolean; null for anything else. */
export function readText(value: unknown): string | null {
	if (typeof value === 'string') return value;
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
	if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
	return null;
}

/**
 * A log id as a string. Transport is expected to have turned big integers into strings
 * already; a number that reached here is written without exponent notation.
 */
export function readLogId(value: unknown): string | null {
	if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value).toString();
	const text = readText(value);
	if (text === null) return null;
	const trimmed = text.trim();
	return trimmed === '' ? null : trimmed;
}

/** `true`/`false`, "true"/"false", 1/0; null when Baidu did not say. */
export function readBoolean(value: unknown): boolean | null {
	if (typeof value === 'boolean') return value;
	if (value === 1 || value === '1') return true;
	if (value === 0 || value === '0') return false;
	if (typeof value === 'string') {
		const text = value.trim().toLowerCase();
		if (text === 'true') return true;
		if (text === 'false') return false;
	}
	return null;
}

export function readConfidence(value: unknown): Confidence | null {
	if (!isRecord(value)) {
		// A bare number is read as the average.
		const average = readNumber(value);
		return average === null ? null : { average, min: null, variance: null };
	}
	const confidence: Confidence = {
		average: readNumber(value.average),
		min: readNumber(value.min),
		variance: readNumber(value.variance),
	};
	if (confidence.average === null && confidence.min === null && confidence.variance === null) {
		return null;
	}
	return confidence;
}

/**
 * Pixels of the original image as Baidu sent them. Negative values (observed near the edge
 * of a page) are kept: they are Baidu's measurement, not ours to correct.
 */
export function readLocation(value: unknown): Location | null {
	if (!isRecord(value)) return null;
	const location: Location = {
		left: readNumber(value.left),
		top: readNumber(value.top),
		width: readNumber(value.width),
		height: readNumber(value.height),
	};
	if (
		location.left === null &&
		location.top === null &&
		location.width === null &&
		location.height === null
	) {
		return null;
	}
	return location;
}

function readName(value: unknown): string | null {
	const text = readText(value);
	return text === null || text.trim() === '' ? null : text;
}

function readValue(value: unknown): string {
	if (value === undefined || value === null) return '';
	const text = readText(value);
	if (text !== null) return text;
	if (Array.isArray(value) && value.every((part) => readText(part) !== null)) {
		return value.map((part) => readText(part)).join('');
	}
	try {
		return JSON.stringify(value) ?? '';
	} catch {
		return '';
	}
}

/** One `data.ret` element → a field; null when the element cannot be read at all. */
export function readField(entry: unknown): RecognisedField | null {
	if (typeof entry === 'string') {
		// A bare string in `ret` can only be a plain recognised line.
		return { name: null, value: entry, confidence: null, location: null };
	}
	if (!isRecord(entry)) return null;
	return {
		name: readName(entry.word_name),
		// `words` is the general OCR's key; accepted for plain lines of unconfirmed shape.
		value: readValue(entry.word !== undefined ? entry.word : entry.words),
		confidence: readConfidence(entry.probability),
		location: readLocation(entry.location),
	};
}

/** `data.ret` as an array; anything else (missing, null, an object) is no entries. */
export function readEntries(data: IDataObject): unknown[] {
	return Array.isArray(data.ret) ? (data.ret as unknown[]) : [];
}

/** True for an element of `data.ret` that is a whole receipt (detector mode), not a field. */
export function isReceipt(entry: unknown): boolean {
	return isRecord(entry) && Array.isArray(entry.ret) && entry.word_name === undefined;
}
