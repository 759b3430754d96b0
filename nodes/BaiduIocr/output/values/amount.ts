import { chineseDigit, parseChineseInteger } from './chinese';
import { fitsExactly, normalise, takeSign } from './digits';
import { plainDecimal, signed } from './number';

/**
 * Amount: money in yuan, as a JavaScript number.
 *
 * - Figures as Number reads them ('1,130.00', '54.5'), with a currency mark before or after:
 *   ¥ (or ￥), RMB, CNY, 人民币 before; 元 or 圆 (optionally followed by 整/正), RMB or CNY
 *   after. A sign goes before or after the mark in front ('-¥54.50', '¥-54.50', 负¥54.50).
 * - Amounts in words, capitals or lowercase: 壹仟贰佰叁拾肆元伍角陆分 → 1234.56, 叁佰元整 → 300,
 *   一百二十元五角 → 120.5, 伍角 → 0.5, 壹万零伍圆整 → 10005; figures before 元 also
 *   (1234元5角6分). Computed in fen (分), so no 0.1 + 0.2 noise: 0.56 is 56 / 100. A ⊗ in
 *   front (printed before the capitals on VAT invoices) is allowed.
 * - Refused: percentages, anything left over ('壹仟元X', '12.3.4'), 整 without 元, digits
 *   beyond 分, more than 15 significant digits.
 */

const CURRENCY_BEFORE = /^(?:¥|RMB|CNY|人民币)\s?/i;
const CURRENCY_AFTER = /\s?(?:RMB|CNY)$/i;
const FIGURES = /^([\d,.]+)\s?(?:([元圆])([整正])?)?$/;
const AFTER_YUAN = /^(零)?(?:(\S)[角])?(零)?(?:(\S)分)?$/;

export function parseAmount(text: string): number | null {
	let body = normalise(text).replace(/^[⊗ⓧ]\s?/, '');

	// A sign and a currency mark in front, in either order, each at most once.
	let negative = false;
	let sawSign = false;
	let sawCurrency = false;
	for (;;) {
		const sign = sawSign ? null : takeSign(body);
		if (sign?.signed) {
			({ negative, rest: body } = sign);
			sawSign = true;
			continue;
		}
		const currency = sawCurrency ? null : CURRENCY_BEFORE.exec(body);
		if (currency) {
			body = body.slice(currency[0].length);
			sawCurrency = true;
			continue;
		}
		break;
	}
	if (!sawCurrency && CURRENCY_AFTER.test(body)) body = body.replace(CURRENCY_AFTER, '');
	if (body === '') return null;

	const figures = FIGURES.exec(body);
	if (figures) {
		const plain = plainDecimal(figures[1]);
		return plain === null ? null : signed(Number(plain), negative);
	}
	const fen = wordsInFen(body);
	return fen === null ? null : signed(fen / 100, negative);
}

/** An amount in words (元, 角, 分) → fen; null when it is not a well-formed one. */
function wordsInFen(text: string): number | null {
	let body = text;
	const whole = /[整正]$/.test(body);
	if (whole) body = body.slice(0, -1);

	const yuanAt = body.search(/[元圆]/);
	if (yuanAt < 0) {
		// No 元: either only 角/分 (伍角), or a bare integer in words (壹仟贰佰).
		if (whole) return null;
		if (/[角分]/.test(body)) return smallChange(body, false);
		const yuan = parseChineseInteger(body);
		return yuan === null ? null : inFen(yuan, 0);
	}
	const yuan = integerBeforeYuan(body.slice(0, yuanAt).trim());
	if (yuan === null) return null;
	const change = smallChange(body.slice(yuanAt + 1).trim(), true);
	return change === null ? null : inFen(yuan, change);
}

/** What comes before 元: an integer in words or in figures; 零元 is nothing. */
function integerBeforeYuan(text: string): number | null {
	if (text === '零' || text === '〇') return 0;
	if (/^\d/.test(text)) {
		const plain = plainDecimal(text);
		return plain === null || plain.includes('.') ? null : Number(plain);
	}
	return parseChineseInteger(text);
}

/** 角 and 分 after 元 (or alone): '伍角陆分', '零伍分', '' → fen; null when malformed. */
function smallChange(text: string, afterYuan: boolean): number | null {
	if (text === '') return afterYuan ? 0 : null;
	const match = AFTER_YUAN.exec(text);
	if (!match) return null;
	const [, zeroFirst, jiaoChar, zeroBetween, fenChar] = match;
	if (jiaoChar === undefined && fenChar === undefined) return null;
	if (zeroFirst !== undefined && !afterYuan) return null;
	const jiao = jiaoChar === undefined ? 0 : digitOf(jiaoChar);
	const fen = fenChar === undefined ? 0 : digitOf(fenChar);
	if (jiao === null || fen === null) return null;
	if (zeroBetween !== undefined) return null; // 伍角零陆分, 零零伍分
	return jiao * 10 + fen;
}

function digitOf(char: string): number | null {
	if (char >= '0' && char <= '9') return Number(char);
	return chineseDigit(char);
}

function inFen(yuan: number, change: number): number | null {
	const fen = yuan * 100 + change;
	return Number.isSafeInteger(fen) && fitsExactly(String(fen)) ? fen : null;
}
