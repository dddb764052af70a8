import assert from 'node:assert/strict';
import test from 'node:test';
import {getRecent} from '../../source/shared/recent-map.js';

test('getRecent makes a value once, and lets go of the least recently used past its size', () => {
	const map = new Map<string, string>();
	const made: string[] = [];
	const get = (key: string) =>
		getRecent(map, key, 3, (wanted) => {
			made.push(wanted);
			return wanted.toUpperCase();
		});
	assert.equal(get('a'), 'A');
	get('b');
	get('c');
	assert.equal(get('a'), 'A', 'a remembered value');
	// 'b' is now the least recently used: a fourth key lets it go, and 'a' stays.
	get('d');
	assert.deepEqual([...map.keys()], ['c', 'a', 'd']);
	get('b');
	assert.deepEqual(made, ['a', 'b', 'c', 'd', 'b']);
	assert.equal(map.size, 3);
});
