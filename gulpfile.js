// Copies the node and credential icons (and the codex JSON is compiled by tsc) into dist/,
// keeping their folder layout, so n8n finds `file:` icons beside the compiled .js files.
const { src, dest } = require('gulp');

function buildIcons() {
	return src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], { base: '.', encoding: false }).pipe(
		dest('dist'),
	);
}

exports['build:icons'] = buildIcons;
exports.default = buildIcons;
