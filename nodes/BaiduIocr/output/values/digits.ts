/**
 * Text as OCR reads it → text the parsers can match: full-width forms (０-９, ，．：／－＋％,
 * Ａ-Ｚ, ...) become their ASCII twins, the full-width yen sign ￥ becomes ¥, the minus signs
 * − and ﹣ become '-', and every run of white space (`\s`: the ideographic space too) becomes one
 * space, trimmed at both ends. Nothing else changes: Chinese characters stay as they are.
 */
export function normalise(text: string): string {
	let out = '';
	for (const char of text) {
		const code = char.charCodeAt(0);
		if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0);
		else if (code === 0xffe5) out += '¥';
		else if (code === 0x2212 || code === 0xfe63) out += '-';
		else out += char;
	}
	return out.replace(/\s+/g, ' ').trim();
}

/**
 * A leading sign: '+', '-' or 负 (Chinese "negative"), with spaces after it allowed.
 * `rest` is what follows; `negative` is false when there was no sign.
 */
export function takeSign(text: string): { negative: boolean; signed: boolean; rest: string } {
	const first = text.charAt(0);
	if (first === '-' || first === '负' || first === '+') {
		return { negative: first !== '+', signed: true, rest: text.slice(1).trimStart() };
	}
	return { negative: false, signed: false, rest: text };
}

/**
 * Digits JavaScript numbers keep exactly: more than 15 significant digits (an id typed as a
 * number, say) would be rounded, so such text is not read as a number at all.
 */
export function fitsExactly(digits: string): boolean {
	const significant = digits.replace(/\D/g, '').replace(/^0+/, '');
	return significant.length <= 15;
}
