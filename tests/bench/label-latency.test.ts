import assert from 'node:assert/strict';
import test from 'node:test';
import {decidedShown, textSeen} from '../../bench/label-latency.js';

test('textSeen finds text in growing output, also across the end of the last search', () => {
	const seen = textSeen('42%');
	assert.equal(seen('decided 10/100 '), false);
	assert.equal(seen('decided 10/100 4'), false);
	// The text straddles what was searched before and what is new.
	assert.equal(seen('decided 10/100 42%'), true);
});

test('textSeen does not search again what it has searched', () => {
	const seen = textSeen('%');
	assert.equal(seen('no percentage yet'), false);
	// Output only grows; a change in what was already searched is not looked at.
	assert.equal(seen('no percentage ye%'), false);
	assert.equal(seen('no percentage ye% then 5%'), true);
});

test('decidedShown reads the last decided count the side panel showed', () => {
	assert.equal(decidedShown('no count yet'), undefined);
	assert.equal(decidedShown('0/10,000 … 1/10,000'), 1);
	assert.equal(decidedShown('\u001B[2m86,012/100,000\u001B[22m 86%'), 86_012);
});
