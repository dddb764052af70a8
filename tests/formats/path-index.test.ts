import assert from 'node:assert/strict';
import test from 'node:test';
import {refOf} from '../../source/formats/format-types.js';
import {createPathIndex} from '../../source/formats/path-index.js';

test('a path index matches by path, then by a file name only one item has, also after more adds', () => {
	const index = createPathIndex('/data');
	for (const itemPath of ['a/one.jpg', 'b/two.jpg', 'c/two.jpg', 'three.jpg']) index.add(itemPath);
	assert.deepEqual(index.match(refOf('a/one.jpg')), {way: 'path', path: 'a/one.jpg'});
	assert.deepEqual(index.match(refOf('elsewhere/one.jpg')), {way: 'basename', path: 'a/one.jpg'});
	assert.deepEqual(index.match(refOf('x/two.jpg')), {way: 'none'}, 'two items share the name');
	assert.deepEqual(index.match(refOf('s3://bucket/deep/three.jpg')), {
		way: 'basename',
		path: 'three.jpg',
	});
	// Names seen after the first match by name count too: a second one.jpg makes it ambiguous.
	index.add('d/one.jpg');
	index.add('d/four.jpg');
	assert.deepEqual(index.match(refOf('elsewhere/one.jpg')), {way: 'none'});
	assert.deepEqual(index.match(refOf('z/four.jpg')), {way: 'basename', path: 'd/four.jpg'});
	assert.deepEqual(index.match(refOf('../out.jpg')).way, 'refused');
});
