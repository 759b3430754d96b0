import { parseChineseInteger } from './chinese';
import { fitsExactly, normalise, takeSign } from './digits';

/**
 * Number: a decimal as printed on documents, read strictly.
 *
 * - Digits half- or full-width; thousands separators ',' (or full-width '，') in groups of
 *   three only ('1,234,567.8'); '.' as the decimal point. '1,23' and '54,50' are refused:
 *   a decimal comma and a misplaced separator cannot be told apart.
 * - A sign in front: '+', '-', full-width '－', or 负.
 * - A percentage is a fraction, as spreadsheets store it: '12%' → 0.12, '-0.5%' → -0.005.
 * - Chinese integer numerals: '一千二百' → 1200, '叁拾' → 30.
 * - Leading zeros are dropped ('00123456' → 123456): only fields whose rule asks for a number
 *   are read at all.
 * - Refused: anything else around the number (units, letters, currency: see amount.ts), two
 *   points ('12.3.4'), more than 15 significant digits (a JavaScript number would round them).
 */

const DECIMAL = /^(?:(\d{1,3}(?:,\d{3})+)|(\d+))?(?:\.(\d+))?$/;

/**
 * Unsigned decimal text ('1,234.50', '.5', '007') → the same digits without separators
 * ('1234.50'), ready for Number(); null when it is not one.
 */
export function plainDecimal(text: string): string | null {
	const match = DECIMAL.exec(text);
	if (!match) return null;
	const whole = (match[1] ?? match[2] ?? '').replace(/,/g, '');
	const fraction = match[3];
	if (whole === '' && fraction === undefined) return null;
	const plain = fraction === undefined ? whole : `${whole || '0'}.${fraction}`;
	return fitsExactly(plain) ? plain : null;
}

/** -0 is written as 0: a spreadsheet has no negative zero. */
export function signed(value: number, negative: boolean): number {
	return negative && value !== 0 ? -value : value;
}

export function parseNumber(text: string): number | null {
	const { negative, rest } = takeSign(normalise(text));
	let body = rest;
	const percent = body.endsWith('%');
	if (percent) body = body.slice(0, -1).trimEnd();

	const plain = plainDecimal(body);
	if (plain !== null) {
		// 'e-2' moves the point in the decimal itself: 12.3% is the double nearest 0.123.
		return signed(Number(percent ? `${plain}e-2` : plain), negative);
	}
	if (percent) return null;
	const chinese = parseChineseInteger(body);
	return chinese === null ? null : signed(chinese, negative);
}
