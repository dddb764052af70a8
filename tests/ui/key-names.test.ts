import assert from 'node:assert/strict';
import test from 'node:test';
import type {Key} from 'ink';
import {normalizeKeys} from '../../source/ui/key-names.js';

function key(flags: Partial<Key> = {}): Key {
	return {
		upArrow: false,
		downArrow: false,
		leftArrow: false,
		rightArrow: false,
		pageDown: false,
		pageUp: false,
		home: false,
		end: false,
		return: false,
		escape: false,
		ctrl: false,
		shift: false,
		tab: false,
		backspace: false,
		delete: false,
		meta: false,
		super: false,
		hyper: false,
		capsLock: false,
		numLock: false,
		...flags,
	};
}

test('named keys come from Ink flags', () => {
	assert.deepEqual(normalizeKeys('', key({return: true})), ['enter']);
	assert.deepEqual(normalizeKeys('', key({escape: true, meta: true})), ['escape']);
	assert.deepEqual(normalizeKeys('', key({backspace: true})), ['backspace']);
	assert.deepEqual(normalizeKeys('', key({delete: true})), ['backspace']);
	assert.deepEqual(normalizeKeys('c', key({ctrl: true})), ['ctrl+c']);
});

test('a chunk of characters becomes one key per character', () => {
	assert.deepEqual(normalizeKeys('1u \r\u007F\bs?\u0003\u001B', key()), [
		'1',
		'u',
		'space',
		'enter',
		'backspace',
		'backspace',
		's',
		'?',
		'ctrl+c',
		'escape',
	]);
});

test('unbound control characters, other ctrl and alt chords, arrows and key releases are dropped', () => {
	assert.deepEqual(normalizeKeys('\t\u0001', key()), []);
	assert.deepEqual(normalizeKeys('x', key({ctrl: true})), []);
	assert.deepEqual(normalizeKeys('1', key({meta: true})), []);
	assert.deepEqual(normalizeKeys('', key({upArrow: true})), []);
	assert.deepEqual(normalizeKeys('1', key({eventType: 'release'})), []);
	assert.deepEqual(normalizeKeys('1', key({eventType: 'press'})), ['1']);
});
