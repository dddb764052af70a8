import assert from 'node:assert/strict';
import test from 'node:test';
import {formatDuration, formatTeamStatus} from '../../source/app/status-team.js';
import type {JournalRecord} from '../../source/core/journal-record.js';
import {teamStatusOf} from '../../source/session/team-status.js';

const now = Date.parse('2026-12-04T12:00:00.000Z');

function decide(seq: number, path: string, label: string, minutesAgo: number): JournalRecord {
	const time = new Date(now - minutesAgo * 60_000).toISOString();
	return {v: 1, seq, time, op: 'decide', path, size: 1, mtimeMs: 1, label, ms: 400, via: 'key'};
}

test('exclusive mode: people and ETA, no consensus or agreement lines', () => {
	const status = teamStatusOf({
		users: [
			{user: 'ann', records: [decide(1, 'a', 'cat', 1), decide(2, 'b', 'dog', 2)]},
			{user: 'bob', records: [decide(1, 'c', 'cat', 3)]},
		],
		mode: {kind: 'exclusive'},
		classes: ['cat', 'dog'],
		total: 9,
		now,
	});
	const text = formatTeamStatus(status).join('\n');
	assert.match(text, /2 people, exclusive: each image decided by one person/);
	// 3 decisions in 10 minutes = 18/h; 6 images left = 20 minutes.
	assert.match(text, /team rate 18\/h, 6 images to go, ETA 20 min/);
	assert.match(text, /items {8}3 settled, 0 adjudicated, 0 pending, 0 contested/);
	assert.doesNotMatch(text, /consensus|agreement|Cohen/);
});

test('durations read at a glance', () => {
	assert.equal(formatDuration(20_000), '< 1 min');
	assert.equal(formatDuration(125 * 60_000), '2 h 05 min');
	assert.match(formatDuration(undefined), /nobody labeled/);
});
