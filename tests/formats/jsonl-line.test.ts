/** A jsonl export line, pinned key by key: the record is built by assignment, and its key order is the file's bytes. */
import assert from 'node:assert/strict';
import test from 'node:test';
import {richRecord} from '../../source/formats/jsonl.js';
import type {LabeledItem} from '../../source/formats/labeled-item.js';

const guess = {label: 'meme', confidence: 0.75, source: 'builtin'};

test('a jsonl line has its keys in the format order, optional ones only when present', () => {
	const item: LabeledItem = {
		path: 'a/b.jpg',
		absolutePath: '/d/a/b.jpg',
		sha1: 'ab12',
		label: 'photo',
		annotator: 'ada',
		confidence: 0.5,
		origin: 'import',
		decidedAt: '2026-01-02T00:00:00.000Z',
		votes: {ada: 'photo'},
		history: [
			{
				label: 'meme',
				annotator: 'ada',
				origin: 'guess',
				decidedAt: '2026-01-01T00:00:00.000Z',
				guess,
			},
			{
				label: 'photo',
				annotator: 'tool-user',
				origin: 'import',
				decidedAt: '2026-01-02T00:00:00.000Z',
				confidence: 0.5,
				sourceOrigin: 'key',
			},
		],
		guess,
	};
	assert.equal(
		JSON.stringify(richRecord(item)),
		'{"path":"a/b.jpg","sha1":"ab12","label":"photo","annotator":"ada","confidence":0.5,"origin":"import","decided_at":"2026-01-02T00:00:00.000Z","votes":{"ada":"photo"},' +
			`"history":[{"label":"meme","annotator":"ada","origin":"guess","decided_at":"2026-01-01T00:00:00.000Z","guess":${JSON.stringify(guess)}},` +
			'{"label":"photo","annotator":"tool-user","origin":"import","decided_at":"2026-01-02T00:00:00.000Z","confidence":0.5,"source_origin":"key"}],' +
			`"guess":${JSON.stringify(guess)}}`,
	);
	const {sha1: _, guess: __, ...bare} = item;
	assert.equal(
		JSON.stringify(richRecord({...bare, history: []})),
		'{"path":"a/b.jpg","label":"photo","annotator":"ada","confidence":0.5,"origin":"import","decided_at":"2026-01-02T00:00:00.000Z","votes":{"ada":"photo"},"history":[]}',
	);
});
