import assert from 'node:assert/strict';
import {writeFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import {runImportRequest} from '../../source/app/import-run.js';
import {splitCsvText} from '../../source/formats/csv-split.js';
import {decidedList, freshSamples, labeledClasses} from '../helpers/labeled-dataset.js';
import {makeTempDir} from '../helpers/temp-dir.js';

const fieldsOf = (text: string) =>
	splitCsvText(text).map((record) => ('fields' in record ? record.fields : record));

test('RFC 4180: quoted commas, doubled quotes, empty fields, CRLF and LF records', () => {
	assert.deepEqual(fieldsOf('a,"b,c","say ""hi""",\r\n,x,"",y\n'), [
		['a', 'b,c', 'say "hi"', ''],
		['', 'x', '', 'y'],
	]);
});

test('line breaks inside quotes are kept as written, blank lines inside quotes too', () => {
	const records = splitCsvText('"one\r\ntwo",a\r\n"x\n\n  \ny",b\nlast,c');
	assert.deepEqual(records, [
		{line: 1, fields: ['one\r\ntwo', 'a']},
		{line: 3, fields: ['x\n\n  \ny', 'b']},
		{line: 7, fields: ['last', 'c']},
	]);
});

test('blank lines between records are passed over; a BOM is dropped; line numbers stay true', () => {
	assert.deepEqual(splitCsvText('\uFEFFa,b\r\n\r\n   \nc,d'), [
		{line: 1, fields: ['a', 'b']},
		{line: 4, fields: ['c', 'd']},
	]);
});

test('text after a closing quote and a quote never closed are problems with their place', () => {
	assert.deepEqual(splitCsvText('"a"b,c\nok,1\n"open,2\nmore'), [
		{line: 1, column: 4, reason: 'has text after a closing quote'},
		{line: 2, fields: ['ok', '1']},
		{line: 3, reason: 'has a quote that is never closed'},
	]);
	assert.deepEqual(splitCsvText('x,"multi\nline"tail'), [
		{line: 2, column: 6, reason: 'has text after a closing quote'},
	]);
	assert.deepEqual(fieldsOf('a,b"c,d'), [['a', 'b"c', 'd']], 'a quote inside a bare field is text');
});

test('csv import: a CRLF file with a blank line, and a quoted label holding a CRLF kept as written', async (t) => {
	const dir = await freshSamples(t);
	const file = path.join(await makeTempDir(t), 'labels.csv');
	await writeFile(
		file,
		'path,label\r\n"img_0001.jpg",photo\r\n\r\nimg_0002.jpg,"screen\r\nshot"\r\nimg_0003.jpg,screenshot\r\n',
	);
	const report = await runImportRequest({file, format: 'csv', dir});
	assert.equal(report.skippedLines, 0, report.problems.join('\n'));
	const decided = (await decidedList(dir, labeledClasses)).items.map((item) => [
		item.path,
		item.label,
	]);
	assert.deepEqual(decided.sort(), [
		['img_0001.jpg', 'photo'],
		['img_0003.jpg', 'screenshot'],
	]);
	assert.deepEqual(report.unknownLabels, ['screen\r\nshot']);
});

/** RFC 4180 quoting of every field: the same record through the quoted-field parser. */
const quotedLine = (fields: readonly string[]) =>
	fields.map((field) => `"${field.replaceAll('"', '""')}"`).join(',');

test('a line with no quote gives the fields the quoted-field parser gives for it quoted', () => {
	const pieces = [
		'',
		' ',
		'a',
		'b c',
		' lead',
		'trail ',
		'x\ry',
		'ünï',
		'part-000/IMG_1.jpg',
		'0.5',
	];
	let seed = 7;
	const next = () => {
		seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
		return seed;
	};

	for (let round = 0; round < 300; round++) {
		const fields = Array.from(
			{length: 1 + (next() % 6)},
			() => pieces[next() % pieces.length] ?? '',
		);
		if (fields.join('').trim() === '') continue; // A blank line is no record.
		const end = next() % 2 === 0 ? '\r\n' : '\n';
		const plain = splitCsvText(`${fields.join(',')}${end}`);
		const quoted = splitCsvText(`${quotedLine(fields)}${end}`);
		assert.deepEqual(plain, quoted, JSON.stringify(fields));
		assert.deepEqual(plain, [{line: 1, fields}], JSON.stringify(fields));
	}
});

test('quoted and bare lines mixed: commas in quotes stay in the field, bare lines inside quotes too', () => {
	const text = [
		'path,label,annotator',
		'a.jpg,photo,ada',
		'"b,1.jpg",photo,"bea, jr"',
		'c.jpg,,\r',
		'"d.jpg",meme,"two',
		'bare, line with commas',
		'end"',
		'e.jpg,photo,x\ry',
	].join('\n');
	assert.deepEqual(splitCsvText(text), [
		{line: 1, fields: ['path', 'label', 'annotator']},
		{line: 2, fields: ['a.jpg', 'photo', 'ada']},
		{line: 3, fields: ['b,1.jpg', 'photo', 'bea, jr']},
		{line: 4, fields: ['c.jpg', '', '']},
		{line: 5, fields: ['d.jpg', 'meme', 'two\nbare, line with commas\nend']},
		{line: 8, fields: ['e.jpg', 'photo', 'x\ry']},
	]);
});
