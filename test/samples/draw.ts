/**
 * Draws every sample document in test/samples/files/ (`npm run samples`).
 *
 * Everything is deterministic: no clock, no unseeded randomness, compressors whose output
 * does not depend on the machine (zlib's RLE strategy for PNG, pure-JS jpeg-js and
 * pdf-lib), fixed PDF metadata. samples.test.ts redraws all files and compares bytes.
 *
 * A document is drawn once through the Surface interface; the same drawing becomes a
 * raster image (PNG/JPEG/BMP) or a PDF page, and every text drawn is remembered with its
 * box so that the emulator's recordings (test/emulator/fixtures/baidu.json) can be checked
 * against what is really on the page.
 */
import { createHash } from 'crypto';
import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import * as jpeg from 'jpeg-js';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import type { PDFFont, PDFPage } from 'pdf-lib';
import { PNG } from 'pngjs';
import { GLYPH_ADVANCE, GLYPH_HEIGHT, glyphCells, textWidth } from './font';
import { MANIFEST_PATH, SAMPLES_DIR } from './index';
import type { ManifestEntry, SampleKind } from './index';
import { seededRandom } from '../emulator/faults'; // mulberry32: the only source of "randomness" here

export type Rgb = readonly [number, number, number];

export interface Box {
	left: number;
	top: number;
	width: number;
	height: number;
}

export interface DrawnText {
	text: string;
	box: Box;
	/** Name used by the fixture for texts that are template fields. */
	key?: string;
}

/** What a document is drawn on: a pixel buffer or a PDF page, both in pixels from top-left. */
interface Surface {
	readonly width: number;
	readonly height: number;
	fillRect(x: number, y: number, w: number, h: number, c: Rgb): void;
	line(x0: number, y0: number, x1: number, y1: number, c: Rgb, thickness: number): void;
	ellipse(cx: number, cy: number, rx: number, ry: number, c: Rgb, thickness: number): void;
	text(x: number, y: number, text: string, scale: number, c: Rgb): void;
}

const WHITE: Rgb = [255, 255, 255];
const BLACK: Rgb = [0, 0, 0];

/** Fixed dates and names for the PDFs, so their bytes never change. */
const PDF_DATE = new Date(Date.UTC(2024, 2, 15, 9, 30, 0));
const PDF_PRODUCER = 'n8n-nodes-baidu-iocr test/samples/draw.ts';

// ---------------------------------------------------------------------------------------
// Surfaces

class Raster implements Surface {
	readonly data: Uint8Array;

	constructor(
		readonly width: number,
		readonly height: number,
		background: Rgb = WHITE,
	) {
		this.data = new Uint8Array(width * height * 3);
		for (let i = 0; i < width * height; i++) this.data.set(background, i * 3);
	}

	fillRect(x: number, y: number, w: number, h: number, c: Rgb): void {
		const x0 = Math.max(0, Math.round(x));
		const y0 = Math.max(0, Math.round(y));
		const x1 = Math.min(this.width, Math.round(x + w));
		const y1 = Math.min(this.height, Math.round(y + h));
		for (let yy = y0; yy < y1; yy++) {
			for (let xx = x0; xx < x1; xx++) this.data.set(c, (yy * this.width + xx) * 3);
		}
	}

	line(x0: number, y0: number, x1: number, y1: number, c: Rgb, thickness: number): void {
		let x = Math.round(x0);
		let y = Math.round(y0);
		const xe = Math.round(x1);
		const ye = Math.round(y1);
		const dx = Math.abs(xe - x);
		const dy = -Math.abs(ye - y);
		const sx = x < xe ? 1 : -1;
		const sy = y < ye ? 1 : -1;
		const half = Math.floor(thickness / 2);
		let err = dx + dy;
		for (;;) {
			this.fillRect(x - half, y - half, thickness, thickness, c);
			if (x === xe && y === ye) break;
			const e2 = 2 * err;
			if (e2 >= dy) {
				err += dy;
				x += sx;
			}
			if (e2 <= dx) {
				err += dx;
				y += sy;
			}
		}
	}

	ellipse(cx: number, cy: number, rx: number, ry: number, c: Rgb, thickness: number): void {
		const steps = Math.ceil(Math.PI * 2 * Math.max(rx, ry) * 2);
		const half = Math.floor(thickness / 2);
		for (let i = 0; i < steps; i++) {
			const a = (i / steps) * Math.PI * 2;
			const px = Math.round(cx + rx * Math.cos(a));
			const py = Math.round(cy + ry * Math.sin(a));
			this.fillRect(px - half, py - half, thickness, thickness, c);
		}
	}

	text(x: number, y: number, text: string, scale: number, c: Rgb): void {
		[...text].forEach((ch, i) => {
			for (const [cx, cy] of glyphCells(ch)) {
				this.fillRect(x + (i * GLYPH_ADVANCE + cx) * scale, y + cy * scale, scale, scale, c);
			}
		});
	}

	/** Recolours every pixel: paper texture, lighting, fading. */
	map(fn: (x: number, y: number, c: Rgb) => Rgb): void {
		for (let y = 0; y < this.height; y++) {
			for (let x = 0; x < this.width; x++) {
				const i = (y * this.width + x) * 3;
				const out = fn(x, y, [this.data[i], this.data[i + 1], this.data[i + 2]]);
				this.data[i] = clamp(out[0]);
				this.data[i + 1] = clamp(out[1]);
				this.data[i + 2] = clamp(out[2]);
			}
		}
	}

	/** Box blur with a square window of 2r+1 pixels, horizontal then vertical. */
	blur(r: number): void {
		const w = this.width;
		const h = this.height;
		const tmp = new Float64Array(w * h * 3);
		const src = this.data;
		for (let y = 0; y < h; y++) {
			for (let x = 0; x < w; x++) {
				for (let ch = 0; ch < 3; ch++) {
					let sum = 0;
					for (let k = -r; k <= r; k++) {
						const xx = Math.min(w - 1, Math.max(0, x + k));
						sum += src[(y * w + xx) * 3 + ch];
					}
					tmp[(y * w + x) * 3 + ch] = sum / (2 * r + 1);
				}
			}
		}
		for (let y = 0; y < h; y++) {
			for (let x = 0; x < w; x++) {
				for (let ch = 0; ch < 3; ch++) {
					let sum = 0;
					for (let k = -r; k <= r; k++) {
						const yy = Math.min(h - 1, Math.max(0, y + k));
						sum += tmp[(yy * w + x) * 3 + ch];
					}
					src[(y * w + x) * 3 + ch] = clamp(sum / (2 * r + 1));
				}
			}
		}
	}

	rgba(): Buffer {
		const out = Buffer.alloc(this.width * this.height * 4);
		for (let i = 0; i < this.width * this.height; i++) {
			out[i * 4] = this.data[i * 3];
			out[i * 4 + 1] = this.data[i * 3 + 1];
			out[i * 4 + 2] = this.data[i * 3 + 2];
			out[i * 4 + 3] = 255;
		}
		return out;
	}

	/** PNG, truecolour or greyscale; zlib's RLE strategy finds the same matches on every CPU. */
	png(colorType: 0 | 2 = 2): Buffer {
		const png = new PNG({ width: this.width, height: this.height });
		png.data = this.rgba();
		return PNG.sync.write(png, { colorType, deflateLevel: 9, deflateStrategy: 3 });
	}

	jpeg(quality: number): Buffer {
		return jpeg.encode({ data: this.rgba(), width: this.width, height: this.height }, quality).data;
	}

	/** Windows BMP: BITMAPINFOHEADER, 24 bits, BI_RGB, rows bottom-up, BGR, 4-byte aligned. */
	bmp(): Buffer {
		const stride = Math.ceil((this.width * 3) / 4) * 4;
		const imageSize = stride * this.height;
		const out = Buffer.alloc(54 + imageSize);
		out.write('BM', 0, 'latin1');
		out.writeUInt32LE(out.length, 2);
		out.writeUInt32LE(54, 10);
		out.writeUInt32LE(40, 14);
		out.writeInt32LE(this.width, 18);
		out.writeInt32LE(this.height, 22);
		out.writeUInt16LE(1, 26);
		out.writeUInt16LE(24, 28);
		out.writeUInt32LE(0, 30);
		out.writeUInt32LE(imageSize, 34);
		out.writeInt32LE(2835, 38);
		out.writeInt32LE(2835, 42);
		for (let y = 0; y < this.height; y++) {
			const row = 54 + (this.height - 1 - y) * stride;
			for (let x = 0; x < this.width; x++) {
				const i = (y * this.width + x) * 3;
				out[row + x * 3] = this.data[i + 2];
				out[row + x * 3 + 1] = this.data[i + 1];
				out[row + x * 3 + 2] = this.data[i];
			}
		}
		return out;
	}
}

function clamp(v: number): number {
	return Math.max(0, Math.min(255, Math.round(v)));
}

/** A PDF page seen through pixel coordinates (1 px = 1 pt, y down). Text is Courier-Bold
 * at 10 pt per font cell, which advances exactly like the bitmap font. */
class PdfSurface implements Surface {
	readonly width: number;
	readonly height: number;

	constructor(
		private readonly page: PDFPage,
		private readonly font: PDFFont,
	) {
		this.width = page.getWidth();
		this.height = page.getHeight();
	}

	private colour(c: Rgb) {
		return rgb(c[0] / 255, c[1] / 255, c[2] / 255);
	}

	fillRect(x: number, y: number, w: number, h: number, c: Rgb): void {
		this.page.drawRectangle({
			x,
			y: this.height - y - h,
			width: w,
			height: h,
			color: this.colour(c),
		});
	}

	line(x0: number, y0: number, x1: number, y1: number, c: Rgb, thickness: number): void {
		this.page.drawLine({
			start: { x: x0, y: this.height - y0 },
			end: { x: x1, y: this.height - y1 },
			thickness,
			color: this.colour(c),
		});
	}

	ellipse(cx: number, cy: number, rx: number, ry: number, c: Rgb, thickness: number): void {
		this.page.drawEllipse({
			x: cx,
			y: this.height - cy,
			xScale: rx,
			yScale: ry,
			borderColor: this.colour(c),
			borderWidth: thickness,
		});
	}

	text(x: number, y: number, text: string, scale: number, c: Rgb): void {
		this.page.drawText(text, {
			x,
			y: this.height - y - GLYPH_HEIGHT * scale,
			size: 10 * scale,
			font: this.font,
			color: this.colour(c),
		});
	}
}

// ---------------------------------------------------------------------------------------
// Drawing helpers shared by all documents

class Doc {
	readonly texts: DrawnText[] = [];

	constructor(readonly s: Surface) {}

	text(x: number, y: number, text: string, scale: number, c: Rgb, key?: string): Box {
		this.s.text(x, y, text, scale, c);
		const box = { left: x, top: y, width: textWidth(text, scale), height: GLYPH_HEIGHT * scale };
		this.texts.push(key === undefined ? { text, box } : { text, box, key });
		return box;
	}

	textRight(right: number, y: number, text: string, scale: number, c: Rgb, key?: string): Box {
		return this.text(right - textWidth(text, scale), y, text, scale, c, key);
	}

	textCenter(cx: number, y: number, text: string, scale: number, c: Rgb, key?: string): Box {
		return this.text(Math.round(cx - textWidth(text, scale) / 2), y, text, scale, c, key);
	}

	/** Letters stacked top to bottom, as in the side columns of a Chinese invoice. */
	textVertical(x: number, y: number, text: string, scale: number, c: Rgb, step: number): void {
		[...text].forEach((ch, i) => this.s.text(x, y + i * step, ch, scale, c));
	}

	rect(x: number, y: number, w: number, h: number, c: Rgb): void {
		this.s.fillRect(x, y, w, h, c);
	}

	frame(x: number, y: number, w: number, h: number, c: Rgb, t = 1): void {
		this.rect(x, y, w, t, c);
		this.rect(x, y + h - t, w, t, c);
		this.rect(x, y, t, h, c);
		this.rect(x + w - t, y, t, h, c);
	}

	hline(x0: number, x1: number, y: number, c: Rgb, t = 1): void {
		this.rect(x0, y, x1 - x0, t, c);
	}

	vline(x: number, y0: number, y1: number, c: Rgb, t = 1): void {
		this.rect(x, y0, t, y1 - y0, c);
	}

	dashed(x0: number, x1: number, y: number, c: Rgb, dash = 4, gap = 3, t = 1): void {
		for (let x = x0; x < x1; x += dash + gap) this.rect(x, y, Math.min(dash, x1 - x), t, c);
	}

	dashedFrame(x: number, y: number, w: number, h: number, c: Rgb): void {
		this.dashed(x, x + w, y, c, 8, 5, 2);
		this.dashed(x, x + w, y + h - 2, c, 8, 5, 2);
		for (let yy = y; yy < y + h; yy += 13) {
			this.rect(x, yy, 2, Math.min(8, y + h - yy), c);
			this.rect(x + w - 2, yy, 2, Math.min(8, y + h - yy), c);
		}
	}

	line(x0: number, y0: number, x1: number, y1: number, c: Rgb, t = 1): void {
		this.s.line(x0, y0, x1, y1, c, t);
	}

	ellipse(cx: number, cy: number, rx: number, ry: number, c: Rgb, t = 1): void {
		this.s.ellipse(cx, cy, rx, ry, c, t);
	}

	/** A 1D barcode look-alike: guard bars and 8 modules per character. */
	barcode(x: number, y: number, w: number, h: number, code: string, c: Rgb): void {
		let bits = '1011';
		for (const ch of code) {
			bits += ((ch.charCodeAt(0) * 73 + 17) & 255).toString(2).padStart(8, '0') + '0';
		}
		bits += '1101';
		const m = Math.max(1, Math.floor(w / bits.length));
		const start = x + Math.floor((w - m * bits.length) / 2);
		[...bits].forEach((b, i) => {
			if (b === '1') this.rect(start + i * m, y, m, h, c);
		});
	}

	/** A 21x21 two-dimensional code look-alike: three finder squares, timing lines, noise. */
	matrixCode(x: number, y: number, module: number, seed: number, c: Rgb): void {
		const n = 21;
		const rand = seededRandom(seed);
		const finder = (fx: number, fy: number) =>
			fx >= 0 && fx < 7 && fy >= 0 && fy < 7
				? fx === 0 || fx === 6 || fy === 0 || fy === 6 || (fx >= 2 && fx <= 4 && fy >= 2 && fy <= 4)
				: undefined;
		for (let my = 0; my < n; my++) {
			for (let mx = 0; mx < n; mx++) {
				let on: boolean | undefined =
					finder(mx, my) ?? finder(mx - (n - 7), my) ?? finder(mx, my - (n - 7));
				const nearFinder = (mx < 8 && my < 8) || (mx >= n - 8 && my < 8) || (mx < 8 && my >= n - 8);
				if (on === undefined && nearFinder) on = false;
				if (on === undefined && (mx === 6 || my === 6)) on = (mx + my) % 2 === 0;
				if (on === undefined) on = rand() < 0.5;
				if (on) this.rect(x + mx * module, y + my * module, module, module, c);
			}
		}
	}
}

// ---------------------------------------------------------------------------------------
// The documents

/** China Railway ticket, modelled on the one in Baidu's iOCR documentation. */
function drawTrainTicket(r: Raster): Doc {
	const d = new Doc(r);
	const ink: Rgb = [24, 32, 48];
	const red: Rgb = [196, 32, 36];
	// Pale blue security paper with fine ruling.
	r.map((x, y, c) => (y % 4 === 0 ? [202, 223, 238] : c));
	d.frame(0, 0, r.width, r.height, [150, 180, 205], 2);

	d.text(48, 30, 'Z0M055712', 3, red);
	d.text(48, 92, 'BEIJINGNAN', 5, ink, 'from');
	d.textCenter(444, 78, 'C2565', 5, ink, 'train');
	d.hline(356, 522, 131, ink, 3);
	d.line(526, 132, 510, 123, ink, 3);
	d.line(526, 132, 510, 141, ink, 3);
	d.textRight(808, 92, 'TIANJIN', 5, ink, 'to');
	d.text(48, 142, 'BEIJING SOUTH', 2, ink);
	d.textRight(808, 142, 'TIANJIN', 2, ink);

	d.text(48, 190, '2018-03-10', 3, ink, 'date');
	d.text(246, 190, '07:30 DEP', 3, ink);
	d.text(520, 190, 'CAR 05 SEAT 08F', 3, ink, 'seat');
	d.text(48, 240, '¥54.50', 3, ink, 'price');
	d.text(520, 240, '2ND CLASS', 3, ink);
	d.text(48, 296, 'VALID ON THIS TRAIN ONLY', 2, ink);
	d.text(48, 350, '1201041982****1234', 3, ink);
	d.text(390, 350, 'ZHANG SAN', 3, ink, 'name');

	d.dashedFrame(44, 400, 520, 52, ink);
	d.text(64, 420, 'BUY TICKETS AT 12306.CN', 2, ink);

	d.rect(628, 308, 192, 192, WHITE);
	d.matrixCode(640, 320, 8, 12306, ink);

	d.text(48, 500, '21010300040315Z055712 BEIJINGNAN SHOU', 2, ink);
	return d;
}

interface InvoiceItem {
	goods: string;
	spec: string;
	unit: string;
	qty: string;
	price: string;
	amount: string;
	rate: string;
	tax: string;
}

const INVOICE_ITEMS: InvoiceItem[] = [
	{
		goods: 'OFFICE PAPER A4',
		spec: 'A4 80G',
		unit: 'BOX',
		qty: '20',
		price: '30.00',
		amount: '600.00',
		rate: '13%',
		tax: '78.00',
	},
	{
		goods: 'TONER CARTRIDGE',
		spec: 'TN-2325',
		unit: 'PCS',
		qty: '4',
		price: '100.00',
		amount: '400.00',
		rate: '13%',
		tax: '52.00',
	},
];

/** Columns of the goods table: [left, right] edges. */
const INVOICE_COLUMNS: Array<[keyof InvoiceItem, string, number, number]> = [
	['goods', 'GOODS', 40, 330],
	['spec', 'SPEC', 330, 430],
	['unit', 'UNIT', 430, 490],
	['qty', 'QTY', 490, 550],
	['price', 'PRICE', 550, 650],
	['amount', 'AMOUNT', 650, 770],
	['rate', 'RATE', 770, 830],
	['tax', 'TAX', 830, 920],
];

/** A Chinese VAT special invoice (增值税专用发票), 960x600. */
function drawInvoice(d: Doc): void {
	const brown: Rgb = [150, 82, 40];
	const ink: Rgb = [20, 24, 70];
	const red: Rgb = [210, 40, 40];

	d.text(40, 36, 'CODE', 2, brown);
	d.text(100, 32, '1100182130', 3, ink, 'code');
	d.textCenter(480, 10, 'TIANJIN', 2, brown);
	d.textCenter(480, 32, 'VAT SPECIAL INVOICE', 3, brown);
	d.hline(300, 660, 62, brown, 2);
	d.hline(300, 660, 67, brown, 1);
	d.ellipse(480, 100, 72, 24, red, 2);
	d.textCenter(480, 93, 'TAX BUREAU', 2, red);
	d.text(700, 36, 'NO', 2, brown);
	d.text(740, 32, '08812345', 3, ink, 'number');
	d.text(700, 84, 'DATE', 2, brown);
	d.text(760, 84, '2024-03-15', 2, ink, 'date');

	// Frame and the buyer block.
	d.frame(40, 130, 880, 410, brown, 2);
	d.vline(80, 130, 230, brown);
	d.textVertical(55, 137, 'BUYER', 2, brown, 18);
	const party = (y0: number, step: number, values: string[], key: string) => {
		const labels = ['NAME', 'TAX ID', 'ADDRESS TEL', 'BANK ACCOUNT'];
		labels.forEach((label, i) => {
			d.text(90, y0 + i * step, label, 2, brown);
			d.text(250, y0 + i * step, values[i], 2, ink, i === 0 ? key : undefined);
		});
	};
	party(
		140,
		24,
		[
			'TIANJIN HUAXIN TRADING CO LTD',
			'91120116MA05K3XX7B',
			'18 HONGQI RD 022-8765 4321',
			'ICBC TIANJIN 0302001234',
		],
		'buyer',
	);
	d.vline(640, 130, 230, brown);
	const cipher = seededRandom(88123);
	const alphabet = '0123456789+-*/<>';
	for (let row = 0; row < 4; row++) {
		let s = '';
		for (let i = 0; i < 22; i++) s += alphabet[Math.floor(cipher() * alphabet.length)];
		d.text(650, 140 + row * 24, s, 2, ink);
	}
	d.hline(40, 920, 230, brown);

	// Goods table.
	for (const [, title, left, right] of INVOICE_COLUMNS) {
		d.textCenter((left + right) / 2, 238, title, 2, brown);
		if (left > 40) d.vline(left, 230, 380, brown);
	}
	d.hline(40, 920, 256, brown);
	INVOICE_ITEMS.forEach((item, row) => {
		const y = 266 + row * 24;
		for (const [key, , left, right] of INVOICE_COLUMNS) {
			if (key === 'goods' || key === 'spec' || key === 'unit')
				d.text(left + 8, y, item[key], 2, ink);
			else d.textRight(right - 8, y, item[key], 2, ink);
		}
	});
	d.hline(40, 920, 380, brown);
	d.text(60, 390, 'TOTAL', 2, brown);
	d.textRight(762, 390, '¥1000.00', 2, ink, 'amount');
	d.textRight(912, 390, '¥130.00', 2, ink, 'tax');
	d.hline(40, 920, 412, brown);
	d.text(50, 422, 'TOTAL WITH TAX', 2, brown);
	d.text(230, 422, 'ONE THOUSAND ONE HUNDRED THIRTY YUAN', 2, ink);
	d.text(678, 422, '(FIGURES)', 2, brown);
	d.text(800, 422, '¥1130.00', 2, ink, 'total');
	d.hline(40, 920, 446, brown);

	// Seller block and remarks.
	d.vline(80, 446, 540, brown);
	d.textVertical(55, 447, 'SELLER', 2, brown, 15);
	party(
		454,
		21,
		[
			'ACME OFFICE SUPPLY CO LTD',
			'91110105MA01ABCD2E',
			'8 JIANGUO RD 010-6543 2100',
			'BOC BEIJING 3456789012',
		],
		'seller',
	);
	d.vline(640, 446, 540, brown);
	d.text(650, 456, 'REMARKS', 2, brown);
	d.text(650, 480, 'ORDER PO-2024-0315', 2, ink);

	d.text(60, 560, 'PAYEE LI MING', 2, brown);
	d.text(300, 560, 'REVIEWER WANG FANG', 2, brown);
	d.text(560, 560, 'DRAWER ZHAO LEI', 2, brown);
	d.ellipse(830, 562, 76, 30, red, 3);
	d.textCenter(830, 548, 'ACME OFFICE', 2, red);
	d.textCenter(830, 568, '91110105MA01ABCD2E', 1, red);
}

/** Page 2 of the multi-page PDF: the list of goods that comes with an invoice. */
function drawInvoiceList(d: Doc): void {
	const ink: Rgb = [20, 24, 70];
	d.textCenter(480, 40, 'LIST OF GOODS', 3, ink);
	d.textCenter(480, 80, 'ATTACHED TO INVOICE NO 08812345 OF 2024-03-15', 2, ink);
	d.frame(40, 120, 880, 200, ink, 2);
	for (const [, title, left, right] of INVOICE_COLUMNS) {
		d.textCenter((left + right) / 2, 130, title, 2, ink);
		if (left > 40) d.vline(left, 120, 320, ink);
	}
	d.hline(40, 920, 150, ink);
	INVOICE_ITEMS.forEach((item, row) => {
		const y = 162 + row * 24;
		for (const [key, , left, right] of INVOICE_COLUMNS) {
			if (key === 'goods' || key === 'spec' || key === 'unit')
				d.text(left + 8, y, item[key], 2, ink);
			else d.textRight(right - 8, y, item[key], 2, ink);
		}
	});
	d.text(60, 290, 'SUBTOTAL', 2, ink);
	d.textRight(762, 290, '1000.00', 2, ink);
	d.textRight(912, 290, '130.00', 2, ink);
	d.textRight(920, 560, 'PAGE 2 OF 3', 2, ink);
}

/** Page 3 of the multi-page PDF: terms, plain text. */
function drawInvoiceTerms(d: Doc): void {
	const ink: Rgb = [30, 30, 30];
	d.text(40, 40, 'TERMS AND NOTES', 3, ink);
	const lines = [
		'1. PAYMENT DUE WITHIN 30 DAYS OF THE INVOICE DATE.',
		'2. GOODS REMAIN OUR PROPERTY UNTIL PAID IN FULL.',
		'3. RETURNS ACCEPTED WITHIN 7 DAYS IN ORIGINAL PACKAGING.',
		'4. QUESTIONS: ACCOUNTS@ACME-OFFICE.CN TEL 010-6543 2100',
	];
	lines.forEach((line, i) => d.text(40, 100 + i * 32, line, 2, ink));
	d.textRight(920, 560, 'PAGE 3 OF 3', 2, ink);
}

interface ReceiptData {
	shop: string;
	address: string[];
	no: string;
	date: string;
	time?: string;
	cashier?: string;
	items: Array<[string, string, string]>;
	total: string;
	cash?: string;
	change?: string;
	footer: string[];
	barcode?: string;
}

/**
 * A thermal till receipt, `u` pixels per font cell, inside [x, x+w) from y down.
 * Returns the y below the last thing drawn.
 */
function drawReceipt(
	d: Doc,
	x: number,
	y: number,
	w: number,
	u: number,
	data: ReceiptData,
	keyPrefix = '',
	big = 2 * u,
): number {
	const ink: Rgb = [44, 44, 48];
	const left = x + 6 * u;
	const right = x + w - 6 * u;
	const step = 11 * u;
	const cx = x + w / 2;
	const k = (name: string) => keyPrefix + name;
	let yy = y + 8 * u;
	d.textCenter(cx, yy, data.shop, big, ink, k('shop'));
	yy += 7 * big + 6 * u;
	for (const line of data.address) {
		d.textCenter(cx, yy, line, u, ink);
		yy += step;
	}
	const rule = () => {
		d.dashed(left, right, yy + 2 * u, ink, 3 * u, 2 * u, u);
		yy += 7 * u;
	};
	const pair = (label: string, value: string, key?: string, scale = u) => {
		d.text(left, yy, label, scale, ink);
		d.textRight(right, yy, value, scale, ink, key);
		yy += step + 7 * (scale - u);
	};
	rule();
	pair('RECEIPT NO', data.no, k('no'));
	pair('DATE', data.date, k('date'));
	if (data.time) pair('TIME', data.time);
	if (data.cashier) pair('CASHIER', data.cashier);
	rule();
	d.text(left, yy, 'ITEM', u, ink);
	d.textRight(right - 48 * u, yy, 'QTY', u, ink);
	d.textRight(right, yy, 'AMT', u, ink);
	yy += step;
	for (const [name, qty, amount] of data.items) {
		d.text(left, yy, name, u, ink);
		d.textRight(right - 48 * u, yy, qty, u, ink);
		d.textRight(right, yy, amount, u, ink);
		yy += step;
	}
	rule();
	pair('TOTAL', data.total, k('total'), big);
	if (data.cash) pair('CASH', data.cash);
	if (data.change) pair('CHANGE', data.change);
	rule();
	for (const line of data.footer) {
		d.textCenter(cx, yy, line, u, ink);
		yy += step;
	}
	if (data.barcode) {
		yy += 4 * u;
		d.barcode(left + 14 * u, yy, right - left - 28 * u, 34 * u, data.barcode, ink);
		yy += 38 * u;
		d.textCenter(cx, yy, data.barcode, u, ink);
		yy += step;
	}
	return yy;
}

const SUNNY_MART: ReceiptData = {
	shop: 'SUNNY MART',
	address: ['NO 18 NANJING RD TIANJIN', 'TEL 022-2345 6789'],
	no: '000482',
	date: '2024-03-16',
	time: '18:42',
	cashier: '07',
	items: [
		['MILK 1L', '2', '13.00'],
		['BREAD', '1', '8.80'],
		['APPLES 1.2KG', '1', '11.40'],
		['EGGS 12', '1', '15.00'],
	],
	total: '48.20',
	cash: '50.00',
	change: '1.80',
	footer: ['THANK YOU FOR SHOPPING', 'PLEASE KEEP YOUR RECEIPT'],
	barcode: '0004822024',
};

const LUCKY_STORE: ReceiptData = {
	shop: 'LUCKY STORE',
	address: ['NO 7 BINJIANG AVE TIANJIN', 'TEL 022-8811 2040'],
	no: '104233',
	date: '2024-03-17',
	time: '09:15',
	cashier: '02',
	items: [
		['NOODLES', '2', '9.00'],
		['TEA 500ML', '1', '4.50'],
		['TISSUES', '3', '11.70'],
		['SOY SAUCE', '1', '12.80'],
	],
	total: '38.00',
	cash: '50.00',
	change: '12.00',
	footer: ['THANK YOU', 'SEE YOU AGAIN'],
	barcode: '1042332024',
};

const MIXED_A: ReceiptData = {
	shop: 'SUNNY MART',
	address: ['TIANJIN'],
	no: '000517',
	date: '2024-03-18',
	items: [
		['MILK', '1', '13.00'],
		['RICE 5KG', '1', '39.90'],
		['SOAP', '2', '6.50'],
	],
	total: '59.40',
	footer: ['THANK YOU'],
};

const MIXED_B: ReceiptData = {
	shop: 'GREEN CAFE',
	address: ['BEIJING'],
	no: 'C-20931',
	date: '2024-03-18',
	items: [
		['LATTE', '1', '32.00'],
		['BAGEL', '1', '18.00'],
	],
	total: '50.00',
	footer: ['SEE YOU SOON'],
};

function receiptPaper(r: Raster): void {
	r.map((x, y, c) => (c[0] > 200 ? [250 - ((y >> 4) % 2), 249, 244] : c));
}

/** The receipt as a small 24-bit BMP (58 mm till roll: 32 characters a line). */
function drawReceiptBmp(): { raster: Raster; doc: Doc } {
	const r = new Raster(192, 320, WHITE);
	const d = new Doc(r);
	drawReceipt(d, 0, 0, 192, 1, SUNNY_MART);
	receiptPaper(r);
	return { raster: r, doc: d };
}

/** Another shop's receipt, photographed out of focus in bad light: greyscale, blurred. */
function drawBlurryReceipt(): { raster: Raster; doc: Doc } {
	const r = new Raster(384, 640, WHITE);
	const d = new Doc(r);
	drawReceipt(d, 0, 0, 384, 2, LUCKY_STORE);
	r.blur(2);
	r.blur(1);
	r.map((x, y, c) => {
		const light = 0.62 + 0.2 * (1 - y / 640) - 0.1 * (x / 384);
		const v = 70 + ((c[0] + c[1] + c[2]) / 3) * 0.55 * light;
		return [v, v, v];
	});
	return { raster: r, doc: d };
}

/** Two receipts lying on a desk, for the finance edition's detectorId=0. */
function drawMixedReceipts(): { raster: Raster; doc: Doc } {
	const r = new Raster(640, 480, [122, 88, 58]);
	const grain = seededRandom(640480);
	const rows = Array.from({ length: 480 }, () => Math.floor(grain() * 18) - 9);
	r.map((x, y, c) => {
		const g = rows[y] + ((x + y * 3) % 97 < 3 ? -12 : 0);
		return [c[0] + g, c[1] + g, c[2] + g * 0.7];
	});
	const d = new Doc(r);
	const paper: Rgb = [248, 247, 242];
	const shadow: Rgb = [84, 60, 40];
	d.rect(38, 40, 270, 324, shadow);
	d.rect(30, 32, 270, 324, paper);
	drawReceipt(d, 30, 32, 270, 2, MIXED_A, 'a.', 3);
	d.rect(350, 84, 262, 300, shadow);
	d.rect(342, 76, 262, 300, paper);
	drawReceipt(d, 342, 76, 262, 2, MIXED_B, 'b.', 3);
	return { raster: r, doc: d };
}

/** A metal asset label, 240x96. */
function drawAssetTag(): { raster: Raster; doc: Doc } {
	const r = new Raster(240, 96, [212, 214, 218]);
	r.map((x, y, c) => (y % 3 === 0 ? [c[0] + 6, c[1] + 6, c[2] + 6] : c));
	const d = new Doc(r);
	const ink: Rgb = [28, 30, 36];
	const navy: Rgb = [24, 44, 96];
	d.frame(2, 2, 236, 92, [70, 72, 78], 2);
	d.rect(4, 4, 232, 22, navy);
	d.text(10, 8, 'ASSET TAG', 2, WHITE);
	d.textRight(228, 12, 'ACME CORP', 1, WHITE);
	d.text(10, 36, 'NO', 1, ink);
	d.text(28, 33, 'AT-004217', 2, ink, 'no');
	d.text(10, 54, 'ITEM', 1, ink);
	d.text(40, 54, 'LAPTOP', 1, ink, 'item');
	d.text(10, 66, 'DEPT', 1, ink);
	d.text(40, 66, 'IT', 1, ink, 'dept');
	d.barcode(146, 31, 84, 30, 'AT004217', ink);
	d.textCenter(188, 65, 'AT004217', 1, ink);
	d.textCenter(120, 80, 'DO NOT REMOVE - PROPERTY OF ACME', 1, ink);
	return { raster: r, doc: d };
}

/** A parking permit: a document none of the templates describes. */
function drawParkingPermit(): { raster: Raster; doc: Doc } {
	const r = new Raster(600, 380, [250, 250, 246]);
	const d = new Doc(r);
	const green: Rgb = [30, 120, 64];
	const ink: Rgb = [20, 30, 30];
	d.rect(0, 0, 600, 70, green);
	d.textCenter(300, 20, 'PARKING PERMIT', 4, WHITE);
	d.rect(30, 100, 120, 130, [30, 70, 160]);
	d.text(50, 110, 'P', 16, WHITE);
	d.text(180, 104, 'ZONE B', 3, ink);
	d.text(180, 144, 'PLATE JIN A12345', 3, ink);
	d.text(180, 190, 'VALID UNTIL 2024-12-31', 2, ink);
	d.text(180, 220, 'DISPLAY ON DASHBOARD', 2, ink);
	d.hline(30, 570, 262, green, 2);
	d.text(30, 290, 'TIANJIN PORT AUTHORITY', 2, ink);
	d.text(30, 320, 'PERMIT 7734', 2, ink);
	d.matrixCode(474, 272, 4, 7734, ink);
	d.frame(0, 0, 600, 380, green, 3);
	return { raster: r, doc: d };
}

/** Meeting notes on ruled paper: recognisable text but no structure to extract. */
function drawNotes(): { raster: Raster; doc: Doc } {
	const r = new Raster(640, 480, [252, 252, 248]);
	const d = new Doc(r);
	const ink: Rgb = [26, 38, 92];
	for (let y = 76; y < 480; y += 40) d.hline(0, 640, y, [180, 205, 230]);
	d.vline(56, 0, 480, [230, 150, 150]);
	d.text(72, 30, 'MEETING NOTES 2024-03-20', 3, ink);
	const lines = [
		'ATTENDEES: LI, WANG, ZHAO',
		'1. REVIEW Q1 INVOICES',
		'2. SCAN RECEIPTS BEFORE FRIDAY',
		'3. ORDER NEW ASSET TAGS',
		'ACTION: WANG TO CALL SUPPLIER',
		'NEXT MEETING 2024-03-27',
	];
	lines.forEach((line, i) => d.text(72, 99 + i * 40, line, 2, ink));
	return { raster: r, doc: d };
}

async function invoicePdf(pages: 1 | 3): Promise<{ bytes: Buffer; doc: Doc }> {
	const pdf = await PDFDocument.create({ updateMetadata: false });
	pdf.setTitle(
		pages === 1 ? 'VAT special invoice 08812345' : 'VAT special invoice 08812345 with list',
	);
	pdf.setAuthor('ACME OFFICE SUPPLY CO LTD');
	pdf.setProducer(PDF_PRODUCER);
	pdf.setCreator(PDF_PRODUCER);
	pdf.setCreationDate(PDF_DATE);
	pdf.setModificationDate(PDF_DATE);
	const font = await pdf.embedFont(StandardFonts.CourierBold);
	const first = new Doc(new PdfSurface(pdf.addPage([960, 600]), font));
	drawInvoice(first);
	if (pages === 3) {
		drawInvoiceList(new Doc(new PdfSurface(pdf.addPage([960, 600]), font)));
		drawInvoiceTerms(new Doc(new PdfSurface(pdf.addPage([960, 600]), font)));
	}
	const bytes = await pdf.save({ useObjectStreams: false });
	return { bytes: Buffer.from(bytes), doc: first };
}

// ---------------------------------------------------------------------------------------
// Files Baidu must refuse

/** A GIF89a with a 4-colour palette and real LZW-coded pixels. */
function gif(r: Raster, palette: Rgb[]): Buffer {
	const nearest = (c: Rgb) => {
		let best = 0;
		let bestD = Infinity;
		palette.forEach((p, i) => {
			const dist = (p[0] - c[0]) ** 2 + (p[1] - c[1]) ** 2 + (p[2] - c[2]) ** 2;
			if (dist < bestD) {
				bestD = dist;
				best = i;
			}
		});
		return best;
	};
	const pixels: number[] = [];
	for (let i = 0; i < r.width * r.height; i++) {
		pixels.push(nearest([r.data[i * 3], r.data[i * 3 + 1], r.data[i * 3 + 2]]));
	}
	const tableBits = Math.max(1, Math.ceil(Math.log2(palette.length)));
	const minCodeSize = Math.max(2, tableBits);
	const lzw = lzwEncode(pixels, minCodeSize);

	const parts: Buffer[] = [Buffer.from('GIF89a', 'latin1')];
	const screen = Buffer.alloc(7);
	screen.writeUInt16LE(r.width, 0);
	screen.writeUInt16LE(r.height, 2);
	screen[4] = 0x80 | ((tableBits - 1) << 4) | (tableBits - 1);
	parts.push(screen);
	const table = Buffer.alloc(3 << tableBits);
	palette.forEach((p, i) => table.set(p, i * 3));
	parts.push(table);
	const descriptor = Buffer.alloc(10);
	descriptor[0] = 0x2c;
	descriptor.writeUInt16LE(r.width, 5);
	descriptor.writeUInt16LE(r.height, 7);
	parts.push(descriptor, Buffer.from([minCodeSize]));
	for (let i = 0; i < lzw.length; i += 255) {
		const block = lzw.subarray(i, i + 255);
		parts.push(Buffer.from([block.length]), block);
	}
	parts.push(Buffer.from([0x00, 0x3b]));
	return Buffer.concat(parts);
}

/** GIF's variable-width LZW, codes packed least significant bit first. */
function lzwEncode(pixels: number[], minCodeSize: number): Buffer {
	const clear = 1 << minCodeSize;
	const eoi = clear + 1;
	const out: number[] = [];
	let acc = 0;
	let nbits = 0;
	let width = minCodeSize + 1;
	const emit = (code: number) => {
		acc |= code << nbits;
		nbits += width;
		while (nbits >= 8) {
			out.push(acc & 0xff);
			acc >>>= 8;
			nbits -= 8;
		}
	};
	let dict = new Map<number, number>();
	let next = eoi + 1;
	emit(clear);
	let prefix = pixels[0];
	for (let i = 1; i < pixels.length; i++) {
		const k = pixels[i];
		const key = prefix * 256 + k;
		const found = dict.get(key);
		if (found !== undefined) {
			prefix = found;
			continue;
		}
		emit(prefix);
		if (next < 4096) {
			dict.set(key, next);
			if (next === 1 << width && width < 12) width++;
			next++;
		} else {
			emit(clear);
			dict = new Map();
			next = eoi + 1;
			width = minCodeSize + 1;
		}
		prefix = k;
	}
	emit(prefix);
	emit(eoi);
	if (nbits > 0) out.push(acc & 0xff);
	return Buffer.from(out);
}

/** A lossless WebP (VP8L) of one colour: every prefix code has a single symbol, so the
 * pixels take no bits at all after the headers. */
function webpSolid(width: number, height: number, c: Rgb): Buffer {
	const bits: number[] = [];
	const put = (value: number, n: number) => {
		for (let i = 0; i < n; i++) bits.push((value >>> i) & 1);
	};
	put(width - 1, 14);
	put(height - 1, 14);
	put(0, 1); // alpha_is_used
	put(0, 3); // version
	put(0, 1); // no transform
	put(0, 1); // no colour cache
	put(0, 1); // no meta prefix codes
	const simple8 = (symbol: number) => {
		put(1, 1); // simple code
		put(0, 1); // one symbol
		put(1, 1); // 8-bit symbol
		put(symbol, 8);
	};
	simple8(c[1]); // green
	simple8(c[0]); // red
	simple8(c[2]); // blue
	simple8(255); // alpha
	put(1, 1); // distance: simple code
	put(0, 1);
	put(0, 1); // 1-bit symbol
	put(0, 1);
	const body = Buffer.alloc(1 + Math.ceil(bits.length / 8));
	body[0] = 0x2f;
	bits.forEach((b, i) => {
		body[1 + (i >> 3)] |= b << (i & 7);
	});
	const chunk = riffChunk('VP8L', body);
	const header = Buffer.alloc(12);
	header.write('RIFF', 0, 'latin1');
	header.writeUInt32LE(4 + chunk.length, 4);
	header.write('WEBP', 8, 'latin1');
	return Buffer.concat([header, chunk]);
}

function riffChunk(fourcc: string, body: Buffer): Buffer {
	const head = Buffer.alloc(8);
	head.write(fourcc, 0, 'latin1');
	head.writeUInt32LE(body.length, 4);
	return Buffer.concat([head, body, Buffer.alloc(body.length % 2)]);
}

/** Baseline TIFF, little-endian, uncompressed RGB in one strip. */
function tiff(r: Raster): Buffer {
	const entries: Array<[number, number, number, number]> = [];
	const SHORT = 3;
	const LONG = 4;
	const RATIONAL = 5;
	const count = 13;
	const ifdSize = 2 + count * 12 + 4;
	const bitsAt = 8 + ifdSize;
	const xresAt = bitsAt + 6;
	const yresAt = xresAt + 8;
	const pixelsAt = yresAt + 8;
	const pixelBytes = r.width * r.height * 3;
	entries.push(
		[256, LONG, 1, r.width],
		[257, LONG, 1, r.height],
		[258, SHORT, 3, bitsAt],
		[259, SHORT, 1, 1],
		[262, SHORT, 1, 2],
		[273, LONG, 1, pixelsAt],
		[277, SHORT, 1, 3],
		[278, LONG, 1, r.height],
		[279, LONG, 1, pixelBytes],
		[282, RATIONAL, 1, xresAt],
		[283, RATIONAL, 1, yresAt],
		[284, SHORT, 1, 1],
		[296, SHORT, 1, 2],
	);
	const out = Buffer.alloc(pixelsAt + pixelBytes);
	out.write('II', 0, 'latin1');
	out.writeUInt16LE(42, 2);
	out.writeUInt32LE(8, 4);
	out.writeUInt16LE(count, 8);
	entries.forEach(([tag, type, n, value], i) => {
		const at = 10 + i * 12;
		out.writeUInt16LE(tag, at);
		out.writeUInt16LE(type, at + 2);
		out.writeUInt32LE(n, at + 4);
		if (type === SHORT && n === 1) out.writeUInt16LE(value, at + 8);
		else out.writeUInt32LE(value, at + 8);
	});
	out.writeUInt32LE(0, 10 + count * 12);
	for (let i = 0; i < 3; i++) out.writeUInt16LE(8, bitsAt + i * 2);
	out.writeUInt32LE(72, xresAt);
	out.writeUInt32LE(1, xresAt + 4);
	out.writeUInt32LE(72, yresAt);
	out.writeUInt32LE(1, yresAt + 4);
	Buffer.from(r.data).copy(out, pixelsAt);
	return out;
}

function box(type: string, ...parts: Buffer[]): Buffer {
	const body = Buffer.concat(parts);
	const head = Buffer.alloc(8);
	head.writeUInt32BE(8 + body.length, 0);
	head.write(type, 4, 'latin1');
	return Buffer.concat([head, body]);
}

function fullBox(type: string, version: number, flags: number, ...parts: Buffer[]): Buffer {
	const vf = Buffer.alloc(4);
	vf.writeUInt32BE(((version & 0xff) << 24) | (flags & 0xffffff), 0);
	return box(type, vf, ...parts);
}

function u16(v: number): Buffer {
	const b = Buffer.alloc(2);
	b.writeUInt16BE(v, 0);
	return b;
}

function u32(v: number): Buffer {
	const b = Buffer.alloc(4);
	b.writeUInt32BE(v, 0);
	return b;
}

/**
 * A HEIF container as an iPhone writes it (ftyp heic, meta with hdlr pict, one hvc1 item
 * with an ispe size), whose coded data is a placeholder: making real HEVC is out of scope.
 * It carries the magic bytes and the size that type sniffers and Baidu's check look at.
 */
function heic(width: number, height: number): Buffer {
	const payload = Buffer.from('HEVC data omitted', 'latin1');
	const ftyp = box(
		'ftyp',
		Buffer.from('heic', 'latin1'),
		u32(0),
		Buffer.from('mif1heic', 'latin1'),
	);
	const build = (extentOffset: number) =>
		fullBox(
			'meta',
			0,
			0,
			fullBox(
				'hdlr',
				0,
				0,
				u32(0),
				Buffer.from('pict', 'latin1'),
				Buffer.alloc(12),
				Buffer.from([0]),
			),
			fullBox('pitm', 0, 0, u16(1)),
			fullBox(
				'iloc',
				0,
				0,
				Buffer.from([0x44, 0x00]),
				u16(1),
				u16(1),
				u16(0),
				u16(1),
				u32(extentOffset),
				u32(payload.length),
			),
			fullBox(
				'iinf',
				0,
				0,
				u16(1),
				fullBox('infe', 2, 0, u16(1), u16(0), Buffer.from('hvc1', 'latin1'), Buffer.from([0])),
			),
			box(
				'iprp',
				box('ipco', fullBox('ispe', 0, 0, u32(width), u32(height))),
				fullBox('ipma', 0, 0, u32(1), u16(1), Buffer.from([1, 0x81])),
			),
		);
	const metaLength = build(0).length;
	const meta = build(ftyp.length + metaLength + 8);
	return Buffer.concat([ftyp, meta, box('mdat', payload)]);
}

// ---------------------------------------------------------------------------------------
// All samples

export interface RenderedSample {
	file: string;
	kind: SampleKind;
	bytes: Buffer;
	width?: number;
	height?: number;
	pages?: number;
	description: string;
	/** Texts drawn on the (first) page, with their boxes in pixels. */
	texts: DrawnText[];
}

/** Draws every sample in memory, in manifest order. */
export async function renderSamples(): Promise<RenderedSample[]> {
	const out: RenderedSample[] = [];
	const raster = (
		file: string,
		kind: SampleKind,
		r: Raster,
		bytes: Buffer,
		description: string,
		doc?: Doc,
	) =>
		out.push({
			file,
			kind,
			bytes,
			width: r.width,
			height: r.height,
			description,
			texts: doc?.texts ?? [],
		});

	const ticket = new Raster(856, 540, [214, 232, 243]);
	const ticketDoc = drawTrainTicket(ticket);
	raster(
		'train-ticket.png',
		'png',
		ticket,
		ticket.png(),
		'China Railway ticket BEIJINGNAN to TIANJIN, train C2565 (template "Train ticket")',
		ticketDoc,
	);
	raster(
		'train-ticket.jpg',
		'jpeg',
		ticket,
		ticket.jpeg(85),
		'The same train ticket as a JPEG (quality 85)',
		ticketDoc,
	);

	const invoice = new Raster(960, 600, [253, 252, 247]);
	const invoiceDoc = new Doc(invoice);
	drawInvoice(invoiceDoc);
	raster(
		'invoice.jpg',
		'jpeg',
		invoice,
		invoice.jpeg(75),
		'Scanned VAT special invoice no 08812345 (finance template "VAT special invoice")',
		invoiceDoc,
	);

	const pdf1 = await invoicePdf(1);
	out.push({
		file: 'invoice.pdf',
		kind: 'pdf',
		bytes: pdf1.bytes,
		pages: 1,
		width: 960,
		height: 600,
		description: 'The VAT invoice as a one-page vector PDF (960x600 pt)',
		texts: pdf1.doc.texts,
	});
	const pdf3 = await invoicePdf(3);
	out.push({
		file: 'invoice-multipage.pdf',
		kind: 'pdf',
		bytes: pdf3.bytes,
		pages: 3,
		width: 960,
		height: 600,
		description:
			'Three-page PDF: page 1 the VAT invoice, page 2 its list of goods, page 3 terms (Baidu reads page 1 only)',
		texts: pdf3.doc.texts,
	});

	const receipt = drawReceiptBmp();
	raster(
		'receipt.bmp',
		'bmp',
		receipt.raster,
		receipt.raster.bmp(),
		'SUNNY MART till receipt no 000482, 24-bit BMP (template "Shop receipt")',
		receipt.doc,
	);
	const blurry = drawBlurryReceipt();
	raster(
		'receipt-blurry.png',
		'png',
		blurry.raster,
		blurry.raster.png(0),
		'LUCKY STORE receipt, blurred and badly lit; its recorded answer has low confidences',
		blurry.doc,
	);
	const tag = drawAssetTag();
	raster(
		'asset-tag.png',
		'png',
		tag.raster,
		tag.raster.png(),
		'Metal asset label AT-004217 (template "Asset tag")',
		tag.doc,
	);
	const mixed = drawMixedReceipts();
	raster(
		'receipts-mixed.jpg',
		'jpeg',
		mixed.raster,
		mixed.raster.jpeg(82),
		'Two receipts on one desk (SUNNY MART, GREEN CAFE) for the finance edition with detectorId=0',
		mixed.doc,
	);
	const permit = drawParkingPermit();
	raster(
		'unmatched.png',
		'png',
		permit.raster,
		permit.raster.png(),
		'Parking permit: matches no template (272000 / 272001)',
		permit.doc,
	);
	const notes = drawNotes();
	raster(
		'unstructured.png',
		'png',
		notes.raster,
		notes.raster.png(),
		'Meeting notes page: recognised as plain lines, isStructured false',
		notes.doc,
	);

	// Rejection samples.
	const tiny = new Raster(10, 10, WHITE);
	tiny.fillRect(2, 2, 6, 6, [200, 30, 30]);
	raster('tiny.png', 'png', tiny, tiny.png(), '10x10 PNG: shortest side under 15 px (216202)');
	const huge = new Raster(5000, 40, [236, 236, 236]);
	huge.fillRect(0, 19, 5000, 2, [40, 40, 40]);
	raster('huge.png', 'png', huge, huge.png(), '5000x40 PNG: longest side over 4096 px (216202)');
	const small = new Raster(64, 48, [250, 250, 250]);
	const smallDoc = new Doc(small);
	smallDoc.frame(0, 0, 64, 48, [30, 60, 140], 3);
	smallDoc.textCenter(32, 17, 'GIF', 2, [200, 40, 40]);
	raster(
		'sample.gif',
		'gif',
		small,
		gif(small, [[250, 250, 250], [30, 60, 140], [200, 40, 40], BLACK]),
		'64x48 GIF89a (LZW): a format Baidu refuses (216201)',
	);
	out.push({
		file: 'sample.webp',
		kind: 'webp',
		bytes: webpSolid(64, 48, [255, 140, 0]),
		width: 64,
		height: 48,
		description: '64x48 lossless WebP (VP8L), one colour: a format Baidu refuses (216201)',
		texts: [],
	});
	const tif = new Raster(64, 48, [250, 250, 250]);
	const tifDoc = new Doc(tif);
	tifDoc.frame(0, 0, 64, 48, [30, 60, 140], 3);
	tifDoc.textCenter(32, 17, 'TIFF', 2, [30, 60, 140]);
	raster(
		'sample.tiff',
		'tiff',
		tif,
		tiff(tif),
		'64x48 uncompressed RGB TIFF: a format Baidu refuses (216201)',
	);
	out.push({
		file: 'sample.heic',
		kind: 'heic',
		bytes: heic(64, 48),
		width: 64,
		height: 48,
		description:
			'HEIF container (ftyp heic, ispe 64x48) with placeholder coded data: a format Baidu refuses (216201)',
		texts: [],
	});
	const corrupt = Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		Buffer.from([0x00, 0x00, 0x00, 0x0d]),
		Buffer.from('IHDR', 'latin1'),
		Buffer.from([0x00, 0x00, 0x03, 0xff, 0xfe, 0x13]),
	]);
	out.push({
		file: 'corrupt.png',
		kind: 'corrupt',
		bytes: corrupt,
		description: 'PNG signature followed by a truncated, garbled IHDR',
		texts: [],
	});
	out.push({
		file: 'empty.bin',
		kind: 'empty',
		bytes: Buffer.alloc(0),
		description: 'Zero bytes (216200)',
		texts: [],
	});
	return out;
}

/** Every sample file by name, drawn in memory without writing anything. */
export async function drawSamples(): Promise<Record<string, Buffer>> {
	const files: Record<string, Buffer> = {};
	for (const s of await renderSamples()) files[s.file] = s.bytes;
	return files;
}

export function manifestEntry(s: RenderedSample): ManifestEntry {
	const entry: ManifestEntry = {
		file: s.file,
		kind: s.kind,
		sha256: '',
		description: s.description,
	};
	if (s.width !== undefined) entry.width = s.width;
	if (s.height !== undefined) entry.height = s.height;
	if (s.pages !== undefined) entry.pages = s.pages;
	entry.sha256 = createHash('sha256').update(s.bytes).digest('hex');
	// Keep a stable key order in the JSON.
	const { file, kind, width, height, pages, sha256, description } = entry;
	return { file, kind, width, height, pages, sha256, description };
}

async function main(): Promise<void> {
	const samples = await renderSamples();
	mkdirSync(SAMPLES_DIR, { recursive: true });
	for (const s of samples) writeFileSync(join(SAMPLES_DIR, s.file), s.bytes);
	writeFileSync(MANIFEST_PATH, JSON.stringify(samples.map(manifestEntry), null, '\t') + '\n');
	for (const s of samples) {
		const dims = s.width !== undefined ? ` ${s.width}x${s.height}` : '';
		console.log(`${s.file.padEnd(24)} ${String(s.bytes.length).padStart(7)} B${dims}`);
	}
}

if (require.main === module) {
	main().catch((error: unknown) => {
		console.error(error);
		process.exitCode = 1;
	});
}
