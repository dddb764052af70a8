import assert from 'node:assert/strict';
import test from 'node:test';
import {panelSpacing} from '../../source/ui/panel-spacing.js';
import {sampleSnapshot} from '../helpers/label-controller-fixture.js';

const nineClasses = sampleSnapshot({
	classes: Array.from({length: 9}, (_, index) => ({
		name: `class${index + 1}`,
		key: String(index + 1),
		count: 0,
	})),
});

test('two classes: headings from 16 rows, gaps from 13, tight below', () => {
	// Tight: guess 2 + legend 2 + progress 3 + file 2 = 9 rows; 4 gaps; 3 headings.
	assert.equal(panelSpacing(sampleSnapshot(), 32, 16), 'headings');
	assert.equal(panelSpacing(sampleSnapshot(), 32, 15), 'gaps');
	assert.equal(panelSpacing(sampleSnapshot(), 32, 13), 'gaps');
	assert.equal(panelSpacing(sampleSnapshot(), 32, 12), 'tight');
});

test('nine classes: headings from 23 rows (a 24-row terminal), gaps from 20', () => {
	assert.equal(panelSpacing(nineClasses, 32, 23), 'headings');
	assert.equal(panelSpacing(nineClasses, 32, 22), 'gaps');
	assert.equal(panelSpacing(nineClasses, 32, 20), 'gaps');
	assert.equal(panelSpacing(nineClasses, 32, 19), 'tight');
});

test('a long message and a long path take their wrapped rows', () => {
	const busy = sampleSnapshot({
		message: {kind: 'error', text: 'x'.repeat(64)},
		item: {path: 'p'.repeat(100), size: 1, decidedLabel: 'photo'},
	});
	// Tight: guess 2 + legend 2 + progress 3 + message 2 + file (2 path + 1 + 1) = 13; 5 gaps.
	assert.equal(panelSpacing(busy, 32, 18), 'gaps');
	assert.equal(panelSpacing(busy, 32, 17), 'tight');
	// Headings allow a third path line: 14 + 5 + 3.
	assert.equal(panelSpacing(busy, 32, 22), 'headings');
	assert.equal(panelSpacing(busy, 32, 21), 'gaps');
});

test('a long guess hint takes its wrapped rows', () => {
	const hinted = sampleSnapshot({guess: {status: 'off', hint: 'h'.repeat(70)}});
	// Tight: guess 1 + 3 hint rows + legend 2 + progress 3 + file 2 = 11; 4 gaps.
	assert.equal(panelSpacing(hinted, 32, 15), 'gaps');
	assert.equal(panelSpacing(hinted, 32, 14), 'tight');
});

test('hygiene lines (copies, broken files) take their rows and a section gap', () => {
	const withCopies = sampleSnapshot({
		hygiene: {copies: 2, broken: 0},
	});
	// "2 copies: one decision labels them all" wraps to 2 rows at 32 columns: tight 9 + 2 = 11;
	// 5 gaps; 3 headings.
	assert.equal(panelSpacing(withCopies, 32, 19), 'headings');
	assert.equal(panelSpacing(withCopies, 32, 18), 'gaps');
	assert.equal(panelSpacing(withCopies, 32, 16), 'gaps');
	assert.equal(panelSpacing(withCopies, 32, 15), 'tight');
});
