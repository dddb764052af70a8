import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import {
	defaultUser,
	journalPath,
	labelsDir,
	projectPath,
	relativeItemPath,
	safeUserName,
	storedPath,
	userOfJournal,
} from '../../source/store/paths.js';

const root = path.join(os.tmpdir(), 'dataset');

test('imgsift files live under <dir>/.labels', () => {
	assert.equal(labelsDir(root), path.join(root, '.labels'));
	assert.equal(projectPath(root), path.join(root, '.labels', 'project.json'));
	assert.equal(journalPath(root, 'ada'), path.join(root, '.labels', 'journal', 'ada.jsonl'));
});

test('user names become safe file names', () => {
	assert.equal(safeUserName('ada'), 'ada');
	assert.equal(safeUserName('José María'), 'José_María');
	assert.equal(safeUserName('../../etc/passwd'), '__.._etc_passwd');
	assert.equal(safeUserName('DOMAIN\\ada'), 'DOMAIN_ada');
	assert.equal(safeUserName('.hidden'), '_hidden');
	assert.equal(safeUserName(''), 'user');
	assert.equal(safeUserName('x'.repeat(300)).length, 64);
	assert.equal(
		path.basename(journalPath(root, 'a/b')),
		'a%2Fb.jsonl',
		'encoded, not sanitised: a_b is another user',
	);
});

test('defaultUser prefers $USER, then the OS account, sanitized', () => {
	assert.equal(defaultUser({USER: 'ada lovelace'}), 'ada_lovelace');
	assert.equal(defaultUser({LOGNAME: 'grace'}), 'grace');
	assert.equal(defaultUser({}), safeUserName(os.userInfo().username));
});

test('relativeItemPath gives POSIX paths inside the folder and refuses others', () => {
	assert.equal(relativeItemPath(root, path.join(root, 'a', 'b.jpg')), 'a/b.jpg');
	assert.equal(relativeItemPath(root, path.join(root, '..dotted', 'c.png')), '..dotted/c.png');
	assert.throws(() => relativeItemPath(root, path.join(os.tmpdir(), 'x.jpg')), /is not inside/);
	assert.throws(() => relativeItemPath(root, root), /is not inside/);
});

test('storedPath keeps inside paths relative and outside paths absolute', () => {
	assert.equal(storedPath(root, path.join(root, 'out', 'x')), 'out/x');
	assert.equal(storedPath(root, root), '.');
	assert.equal(storedPath(root, path.join(os.tmpdir(), 'out')), path.join(os.tmpdir(), 'out'));
});

test('user names that sanitise alike get journals of their own; safe names keep theirs', () => {
	const root = path.join('/data', 'set');
	const names = ['a/b', 'a_b', 'a%2Fb', 'a b', 'a\\b', '.hidden', '_hidden', 'José', 'ada'];
	const files = names.map((name) => journalPath(root, name));
	assert.equal(new Set(files).size, names.length, files.join(' '));
	assert.equal(journalPath(root, 'ada'), path.join(root, '.labels', 'journal', 'ada.jsonl'));
	assert.equal(journalPath(root, 'a_b'), path.join(root, '.labels', 'journal', 'a_b.jsonl'));
	assert.equal(journalPath(root, 'a/b'), path.join(root, '.labels', 'journal', 'a%2Fb.jsonl'));
	for (const name of names) {
		assert.equal(userOfJournal(path.basename(journalPath(root, name))), name.normalize('NFC'));
		assert.ok(!path.basename(journalPath(root, name)).includes('/'), name);
	}

	assert.throws(() => journalPath(root, 'x/'.repeat(200)), /too long for a journal file name/);
});
