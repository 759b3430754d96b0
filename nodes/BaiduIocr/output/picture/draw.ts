import type { RecognisedField } from '../read';
import {
	CLASS_STYLE,
	fitText,
	placeLabels,
	textWidth,
	wrapText,
	type ConfidenceClass,
	type Rect,
} from './layout';
import type { Mark } from './marks';
import type { PicturePage } from './page';
import { element, num, textElement, titleElement } from './svg';

/**
 * The picture's parts as SVG text: the title strip, the page with its boxes and labels, the
 * legend and the fields Baidu gave no box for. Every size is a multiple of the label font size
 * `font`, in the page's units.
 */

export type { Mark } from './marks';

/** Common CJK fonts first (Linux, Windows, macOS), so that Chinese names and values render. */
export const FONT_FAMILY =
	"'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', " +
	"'Hiragino Sans GB', 'WenQuanYi Micro Hei', 'Helvetica Neue', Arial, sans-serif";

const INK = '#1F2328';
const MUTED = '#57606A';
export const BACKGROUND = '#EEF0F3';

function dashArray(cls: ConfidenceClass, stroke: number): string | undefined {
	switch (CLASS_STYLE[cls].dash) {
		case 'dashed':
			return `${num(stroke * 4)} ${num(stroke * 2)}`;
		case 'dotted':
			return `${num(stroke)} ${num(stroke * 1.5)}`;
		default:
			return undefined;
	}
}

/** What a field is called in labels: its name, or "line n" for a plain line without one. */
function fieldName(mark: Mark, index: number): string {
	return mark.field.name ?? `line ${index + 1}`;
}

function fieldValue(field: RecognisedField): string {
	return field.value.trim() === '' ? '(empty)' : field.value;
}

/** The tooltip of a box: everything about the field, in full. */
function tooltip(mark: Mark, index: number): string {
	const classText = { confident: 'confident', review: 'needs review', none: 'no confidence' };
	const { location } = mark.field;
	const where = location
		? ` · box ${location.left ?? '?'}, ${location.top ?? '?'}, ${location.width ?? '?'} x ${location.height ?? '?'}`
		: '';
	return `#${index + 1} ${fieldName(mark, index)}: ${fieldValue(mark.field)} · ${mark.confidence} (${classText[mark.cls]})${where}`;
}

export interface Layout {
	font: number;
	stroke: number;
	canvasWidth: number;
	pageX: number;
	pageY: number;
	/** Space around the page for labels of boxes at its edges. */
	margin: number;
}

/**
 * A label's text: the field's number (as on the PNG's boxes and the items' pictureNumber),
 * its name, the value when the image shows the page (else the value is in the box), the
 * confidence.
 */
export function labelText(mark: Mark, index: number, withValue: boolean): string {
	const name = `#${index + 1} ${fieldName(mark, index)}`;
	return withValue
		? `${name}: ${fieldValue(mark.field)} · ${mark.confidence}`
		: `${name} · ${mark.confidence}`;
}

/** The value written inside its box, for a page that is not the image: fitted to the box. */
function valueInBox(mark: Mark, layout: Layout): string {
	const box = mark.box as Rect;
	const value = mark.field.value;
	if (value.trim() === '') return '';
	let size = Math.min(Math.max(box.height * 0.72, layout.font * 0.7), layout.font * 3);
	const natural = textWidth(value, size);
	if (natural > box.width && box.width > 0) {
		size = Math.max(size * (box.width / natural), layout.font * 0.6);
	}
	const fitted = textWidth(value, size) > box.width * 1.05;
	return textElement(
		{
			x: box.x + Math.min(size * 0.15, box.width * 0.05),
			y: box.y + box.height / 2 + size * 0.36,
			'font-size': size,
			fill: INK,
			// Squeezed into the box rather than spilling over the next one.
			textLength: fitted ? Math.max(box.width * 0.96, 1) : undefined,
			lengthAdjust: fitted ? 'spacingAndGlyphs' : undefined,
		},
		value,
	);
}

/** The page: the image (or a blank page), each box, then every label on top. */
export function drawPage(
	page: PicturePage,
	marks: Mark[],
	layout: Layout,
): string {
	const { font, stroke, pageX, pageY, margin, canvasWidth } = layout;
	const parts: string[] = [
		element('rect', {
			x: 0,
			y: 0,
			width: page.width,
			height: page.height,
			fill: '#FFFFFF',
			stroke: '#8C959F',
			'stroke-width': Math.max(1, stroke * 0.5),
		}),
	];
	if (page.href) {
		parts.push(
			element('image', {
				href: page.href,
				x: 0,
				y: 0,
				width: page.width,
				height: page.height,
				preserveAspectRatio: 'none',
			}),
		);
	}

	const located = marks.map((mark, index) => ({ mark, index })).filter(({ mark }) => mark.box);
	for (const { mark, index } of located) {
		const box = mark.box as Rect;
		const style = CLASS_STYLE[mark.cls];
		const rect = { x: box.x, y: box.y, width: box.width, height: box.height };
		parts.push(
			element(
				'g',
				{ class: `field ${mark.cls}` },
				titleElement(tooltip(mark, index)) +
					// A white halo under the line keeps it visible on dark and busy backgrounds.
					element('rect', {
						...rect,
						fill: 'none',
						stroke: '#FFFFFF',
						'stroke-opacity': 0.85,
						'stroke-width': stroke * 2.6,
					}) +
					element('rect', {
						...rect,
						fill: style.colour,
						'fill-opacity': 0.1,
						stroke: style.colour,
						'stroke-width': stroke,
						'stroke-dasharray': dashArray(mark.cls, stroke),
					}) +
					(page.href ? '' : valueInBox(mark, layout)),
			),
		);
	}

	const labelHeight = font * 1.5;
	const padding = font * 0.4;
	const bounds: Rect = {
		x: -pageX,
		y: -margin,
		width: canvasWidth,
		// The page and its margin: never past the canvas, which holds the legend below them.
		height: page.height + 2 * margin,
	};
	const maxLabelWidth = canvasWidth - 2 * padding;
	const texts = located.map(({ mark, index }) => {
		const wanted = Math.max((mark.box as Rect).width, font * 18);
		return fitText(
			labelText(mark, index, !!page.href),
			font,
			Math.min(wanted, maxLabelWidth) - 2 * padding,
		);
	});
	const places = placeLabels(
		located.map(({ mark }, k) => ({
			box: mark.box as Rect,
			width: textWidth(texts[k], font) + 2 * padding,
			height: labelHeight,
		})),
		bounds,
	);
	for (const [k, { mark, index }] of located.entries()) {
		const place = places[k];
		const style = CLASS_STYLE[mark.cls];
		parts.push(
			element(
				'g',
				{ class: `label ${mark.cls}` },
				titleElement(tooltip(mark, index)) +
					element('rect', {
						...place,
						rx: font * 0.25,
						fill: style.colour,
						'fill-opacity': 0.92,
					}) +
					textElement(
						{
							x: place.x + padding,
							y: place.y + labelHeight / 2 + font * 0.36,
							'font-size': font,
							'font-weight': 'bold',
							fill: style.textColour,
						},
						texts[k],
					),
			),
		);
	}
	return element(
		'g',
		{ class: 'page', transform: `translate(${num(pageX)} ${num(pageY)})` },
		parts.join(''),
	);
}

/** The title strip's lines, each wrapped to the canvas (at most 3 rows); its SVG and height. */
export function drawTitle(
	lines: Array<{ text: string; bold?: boolean; scale: number }>,
	font: number,
	canvasWidth: number,
): { svg: string; height: number } {
	const padding = font * 0.6;
	let y = padding;
	const parts: string[] = [];
	for (const line of lines) {
		const size = font * line.scale;
		for (const row of wrapText(line.text, size, canvasWidth - 2 * padding, 3)) {
			y += size * 1.25;
			parts.push(
				textElement(
					{
						x: padding,
						y: y - size * 0.25,
						'font-size': size,
						'font-weight': line.bold ? 'bold' : undefined,
						fill: line.bold ? INK : MUTED,
					},
					row,
				),
			);
		}
	}
	const height = y + padding;
	const strip = element('rect', { x: 0, y: 0, width: canvasWidth, height, fill: '#FFFFFF' });
	return { svg: element('g', { class: 'title' }, strip + parts.join('')), height };
}

/**
 * The legend: what each colour and line means and how many fields have it, in rows that fit
 * the canvas; then the fields without a box, listed (the first 50).
 */
export function drawLegend(
	heading: string,
	entries: Array<{ cls: ConfidenceClass; text: string }>,
	unlocated: Array<{ cls: ConfidenceClass; text: string }>,
	layout: Layout,
	top: number,
): { svg: string; height: number } {
	const { font, stroke, canvasWidth } = layout;
	const padding = font * 0.6;
	const row = font * 1.7;
	const swatch = font * 2.2;
	const gap = font * 1.2;
	const parts: string[] = [];
	let y = top + padding;
	parts.push(
		textElement(
			{
				x: padding,
				y: y + row / 2 + font * 0.36,
				'font-size': font,
				fill: INK,
				'font-weight': 'bold',
			},
			fitText(heading, font, canvasWidth - 2 * padding),
		),
	);
	y += row;
	let x = padding;
	const swatchAt = (cls: ConfidenceClass, sx: number, sy: number) => {
		const style = CLASS_STYLE[cls];
		return element('rect', {
			x: sx,
			y: sy + row * 0.22,
			width: swatch,
			height: row * 0.56,
			fill: style.colour,
			'fill-opacity': 0.1,
			stroke: style.colour,
			'stroke-width': stroke,
			'stroke-dasharray': dashArray(cls, stroke),
		});
	};
	for (const entry of entries) {
		const text = fitText(entry.text, font, canvasWidth - 3 * padding - swatch);
		const width = swatch + font * 0.5 + textWidth(text, font);
		if (x > padding && x + width > canvasWidth - padding) {
			x = padding;
			y += row;
		}
		parts.push(
			element(
				'g',
				{ class: `legend ${entry.cls}` },
				swatchAt(entry.cls, x, y) +
					textElement(
						{
							x: x + swatch + font * 0.5,
							y: y + row / 2 + font * 0.36,
							'font-size': font,
							fill: INK,
						},
						text,
					),
			),
		);
		x += width + gap;
	}
	y += row;

	if (unlocated.length > 0) {
		y += font * 0.4;
		parts.push(
			textElement(
				{
					x: padding,
					y: y + row / 2 + font * 0.36,
					'font-size': font,
					fill: INK,
					'font-weight': 'bold',
				},
				`Without a box from Baidu (${unlocated.length}):`,
			),
		);
		y += row;
		const shownRows = unlocated.slice(0, 50);
		for (const entry of shownRows) {
			parts.push(
				element(
					'g',
					{ class: `unlocated ${entry.cls}` },
					titleElement(entry.text) +
						swatchAt(entry.cls, padding, y) +
						textElement(
							{
								x: padding + swatch + font * 0.5,
								y: y + row / 2 + font * 0.36,
								'font-size': font,
								fill: INK,
							},
							fitText(entry.text, font, canvasWidth - 3 * padding - swatch),
						),
				),
			);
			y += row;
		}
		if (unlocated.length > shownRows.length) {
			parts.push(
				textElement(
					{ x: padding, y: y + row / 2 + font * 0.36, 'font-size': font, fill: MUTED },
					`… and ${unlocated.length - shownRows.length} more (see the output items)`,
				),
			);
			y += row;
		}
	}
	const height = y + padding - top;
	const strip = element('rect', { x: 0, y: top, width: canvasWidth, height, fill: '#FFFFFF' });
	return { svg: element('g', { class: 'legend' }, strip + parts.join('')), height };
}
