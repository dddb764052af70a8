import assert from 'node:assert/strict';
import test from 'node:test';
import {describeCommit} from '../../../source/files/commit/index.js';

test('describeCommit summarizes moves and lists each problem with what to do', () => {
	const lines = describeCommit(
		{
			planned: 5,
			moved: [
				{path: 'a.jpg', to: 'out/photo/a.jpg', label: 'photo', recovered: true},
				{path: 'x/b.jpg', to: 'out/photo/b.1a2b3c4d.jpg', label: 'photo', recovered: false},
				{path: 'c.png', to: 'out/screenshot/c.png', label: 'screenshot', recovered: false},
			],
			skipped: [{path: 'd.jpg', label: 'photo', reason: 'changed', detail: 'its size changed'}],
			failed: [{path: 'e.jpg', label: 'photo', reason: 'permission denied; fix it (EACCES)'}],
		},
		{dir: '/data/my photos'},
	);
	assert.deepEqual(lines, [
		'Moved 3 files (photo 2, screenshot 1), 1 of them finishing an interrupted commit.',
		'Renamed x/b.jpg to out/photo/b.1a2b3c4d.jpg: another file had its name.',
		"Not moved, changed since it was decided: d.jpg: its size changed; its decision is set aside; `imgsift label '/data/my photos'` shows it again.",
		'Failed: e.jpg (photo): permission denied; fix it (EACCES). It stays in place; the next commit retries it.',
	]);
});

test('describeCommit escapes control characters in file names and reasons', () => {
	const lines = describeCommit({
		planned: 1,
		moved: [],
		skipped: [
			{path: 'evil\u001b]0;pwned\u0007.jpg', label: 'photo', reason: 'missing', detail: 'gone\n'},
		],
		failed: [],
		stopped: 'plan at /x/\u009b31m',
	});
	assert.deepEqual(lines, [
		'Not moved, missing: evil\\x1b]0;pwned\\x07.jpg: gone\\n; its decision is set aside.',
		'Commit stopped: plan at /x/\\x9b31m.',
	]);
	assert.ok(lines.every((line) => !/[\u0000-\u001f\u007f-\u009f]/.test(line)));
});

test('describeCommit says when there is nothing to commit', () => {
	assert.deepEqual(describeCommit({planned: 0, moved: [], skipped: [], failed: []}), [
		'Nothing to commit: every decided file is in its class folder.',
	]);
});
