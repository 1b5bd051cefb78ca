// Copies what tsc does not emit into dist: node and credential icons (SVG) and codex files (*.node.json).
const { src, dest } = require('gulp');

function copyAssets() {
	return src(['nodes/**/*.svg', 'nodes/**/*.node.json', 'credentials/**/*.svg'], { base: '.', encoding: false }).pipe(dest('dist'));
}

exports.build = copyAssets;
exports.default = copyAssets;
