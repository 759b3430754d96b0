/**
 * A bitmap font of the ten digits, 5 x 7 pixels each, for the numbers on the boxes: the PNG
 * picture has no font of its own to draw text with, and numbers are all it writes.
 */

export const DIGIT_WIDTH = 5;
export const DIGIT_HEIGHT = 7;

const GLYPHS: Record<string, string[]> = {
	'0': ['.###.', '#...#', '#...#', '#...#', '#...#', '#...#', '.###.'],
	'1': ['..#..', '.##..', '..#..', '..#..', '..#..', '..#..', '.###.'],
	'2': ['.###.', '#...#', '....#', '...#.', '..#..', '.#...', '#####'],
	'3': ['#####', '...#.', '..#..', '...#.', '....#', '#...#', '.###.'],
	'4': ['...#.', '..##.', '.#.#.', '#..#.', '#####', '...#.', '...#.'],
	'5': ['#####', '#....', '####.', '....#', '....#', '#...#', '.###.'],
	'6': ['..##.', '.#...', '#....', '####.', '#...#', '#...#', '.###.'],
	'7': ['#####', '....#', '...#.', '..#..', '.#...', '.#...', '.#...'],
	'8': ['.###.', '#...#', '#...#', '.###.', '#...#', '#...#', '.###.'],
	'9': ['.###.', '#...#', '#...#', '.####', '....#', '...#.', '.##..'],
};

/** Whether the pixel at column `x`, row `y` of the digit's glyph is ink. */
export function digitPixel(digit: string, x: number, y: number): boolean {
	return GLYPHS[digit]?.[y]?.[x] === '#';
}

/** The width of a number drawn at `scale` (pixels per font pixel), one font pixel between digits. */
export function numberWidth(text: string, scale: number): number {
	return text.length === 0 ? 0 : (text.length * (DIGIT_WIDTH + 1) - 1) * scale;
}
