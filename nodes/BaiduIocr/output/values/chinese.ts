/**
 * Chinese numerals → integers, for amounts and numbers: the financial capitals (壹贰叁肆伍陆
 * 柒捌玖, 拾佰仟, 万亿, 零) and the everyday lowercase forms (一二三四五六七八九, 十百千, 〇, 两),
 * traditional forms included (貳參陸萬億). Only well-formed numerals are read: units get
 * smaller within a section (仟 > 佰 > 拾), 万 and 亿 come once each in that order, a bare
 * digit follows a unit only after 零 or 拾 (壹佰零伍 = 105, 贰拾伍 = 25; 贰佰伍 is refused, as
 * "250" or "205" would be a guess), and digits are not strung together (一二三 is refused).
 */

const DIGITS: Record<string, number> = {
	零: 0,
	〇: 0,
	壹: 1,
	一: 1,
	贰: 2,
	貳: 2,
	二: 2,
	两: 2,
	兩: 2,
	叁: 3,
	參: 3,
	三: 3,
	肆: 4,
	四: 4,
	伍: 5,
	五: 5,
	陆: 6,
	陸: 6,
	六: 6,
	柒: 7,
	七: 7,
	捌: 8,
	八: 8,
	玖: 9,
	九: 9,
};

const SMALL_UNITS: Record<string, number> = {
	拾: 10,
	十: 10,
	佰: 100,
	百: 100,
	仟: 1000,
	千: 1000,
};
const BIG_UNITS: Record<string, number> = { 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 };

/** The value of one Chinese digit character (零 to 玖, 〇 to 九), else null. */
export function chineseDigit(char: string): number | null {
	return Object.prototype.hasOwnProperty.call(DIGITS, char) ? DIGITS[char] : null;
}

/** A Chinese integer numeral → its value; null when it is not a well-formed one. */
export function parseChineseInteger(text: string): number | null {
	if (text === '') return null;
	let total = 0; // what 亿 has closed
	let wan = 0; // what 万 has closed, below 亿
	let section = 0; // below 万
	let pending: number | null = null; // a digit waiting for its unit
	let afterZero = false; // a 零 came since the last unit
	let lastSmall = Infinity;
	let lastBig = Infinity;
	let lastUnit = Infinity; // the last unit of either kind, for what 零 may skip
	let sawAny = false;

	for (const char of text) {
		const digit = chineseDigit(char);
		if (digit !== null) {
			if (pending !== null && pending !== 0) return null; // 一二: digits strung together
			if (digit === 0) {
				if (!sawAny) return null; // a numeral does not start with 零
				afterZero = true;
			}
			pending = digit;
			sawAny = true;
			continue;
		}
		const small = SMALL_UNITS[char];
		if (small !== undefined) {
			if (small >= lastSmall) return null; // 十百, 佰佰
			let times = pending;
			if (times === null) {
				// 十 alone opens a section (十五 = 15); 佰 or 仟 need their digit.
				if (small !== 10 || section !== 0 || afterZero) return null;
				times = 1;
			}
			if (times === 0) return null; // 零拾
			if (afterZero && small * 10 === lastUnit) return null; // 壹佰零伍拾: 零 skipped nothing
			section += times * small;
			lastSmall = small;
			lastUnit = small;
			pending = null;
			afterZero = false;
			sawAny = true;
			continue;
		}
		const big = BIG_UNITS[char];
		if (big !== undefined) {
			if (big >= lastBig) return null; // 万万, 万亿
			if (pending !== null) {
				if (!bareDigitAllowed(lastUnit, afterZero)) return null;
				section += pending;
			}
			if (big === 1e8) {
				const value = wan + section;
				if (value === 0) return null;
				total = value * 1e8;
				wan = 0;
			} else {
				if (section === 0) return null;
				wan = section * 1e4;
			}
			section = 0;
			pending = null;
			afterZero = false;
			lastSmall = Infinity;
			lastBig = big;
			lastUnit = big;
			sawAny = true;
			continue;
		}
		return null;
	}
	if (pending !== null) {
		if (pending === 0) return null; // ends in 零
		if (!bareDigitAllowed(lastUnit, afterZero)) return null;
		section += pending;
	}
	const value = total + wan + section;
	return Number.isSafeInteger(value) ? value : null;
}

/**
 * A digit without a unit is the ones of its section only right after 拾 (贰拾伍), alone, or
 * after a 零 that stands for a skipped place (壹佰零伍; not 壹拾零伍). After 佰, 仟 or 万
 * without 零 it is everyday shorthand for the next place down (贰佰伍 = 250, 一万五 = 15000),
 * which amounts never use and which is refused rather than guessed.
 */
function bareDigitAllowed(lastUnit: number, afterZero: boolean): boolean {
	if (afterZero) return lastUnit !== 10;
	return lastUnit === Infinity || lastUnit === 10;
}
