import assert from 'node:assert/strict';
import test from 'node:test';
import type {RecordsOfUser} from '../../source/core/agreement/votes.js';
import type {JournalRecord} from '../../source/core/journal-record.js';
import {teamStatusOf} from '../../source/session/team-status.js';

const now = Date.parse('2026-12-04T12:00:00.000Z');
const minutes = (count: number) => new Date(now - count * 60_000).toISOString();

function votes(user: string, entries: Array<[string, string, number]>): RecordsOfUser {
	const records: JournalRecord[] = entries.map(([path, label, minutesAgo], index) => ({
		v: 1,
		seq: index + 1,
		time: minutes(minutesAgo),
		op: 'decide',
		path,
		size: 1,
		mtimeMs: 1,
		label,
		ms: 500,
		via: 'key',
	}));
	return {user, records};
}

test('team status: per person decisions, 10-minute rate, last seen, team rate and ETA', () => {
	const users = [
		// ann: 3 decisions, 2 inside the last 10 minutes.
		votes('ann', [
			['a', 'cat', 30],
			['b', 'cat', 9],
			['c', 'dog', 1],
		]),
		// bob: 2 decisions, both old.
		votes('bob', [
			['a', 'cat', 40],
			['b', 'dog', 20],
		]),
	];
	const status = teamStatusOf({
		users,
		mode: {kind: 'overlap', votes: 2},
		classes: ['cat', 'dog'],
		total: 10,
		now,
		claims: new Map([['ann', 4]]),
	});
	assert.deepEqual(
		status.people.map(({user, decisions, ratePerHour, activeClaims, lastSeen}) => ({
			user,
			decisions,
			ratePerHour,
			activeClaims,
			lastSeen,
		})),
		[
			{user: 'ann', decisions: 3, ratePerHour: 12, activeClaims: 4, lastSeen: minutes(1)},
			{user: 'bob', decisions: 2, ratePerHour: 0, activeClaims: 0, lastSeen: minutes(20)},
		],
	);
	// 10 items × 2 votes, 5 cast: 15 to go at 12 per hour = 75 minutes.
	assert.equal(status.team.ratePerHour, 12);
	assert.equal(status.team.remainingVotes, 15);
	assert.equal(status.team.etaMs, 75 * 60_000);
	// a: cat/cat settled; b: cat/dog contested; c: one vote of two, pending.
	assert.deepEqual(status.items, {settled: 1, adjudicated: 0, pending: 1, contested: 1});
	assert.equal(status.agreement.overlapItems, 2);
	assert.deepEqual(
		status.agreement.pairs.map((pair) => [pair.raters, pair.items]),
		[[['ann', 'bob'], 2]],
	);
	// Against the one final label (a = cat) both are right.
	assert.deepEqual(
		status.agreement.accuracy.map((person) => [person.rater, person.compared, person.accuracy]),
		[
			['ann', 1, 1],
			['bob', 1, 1],
		],
	);
});

test('team status with nobody labeling: no ETA, no agreement figures, no NaN', () => {
	const status = teamStatusOf({
		users: [],
		mode: {kind: 'exclusive'},
		classes: ['cat'],
		total: 3,
		now,
	});
	assert.equal(status.team.etaMs, undefined);
	assert.equal(status.team.remainingVotes, 3);
	assert.equal(status.agreement.fleiss.kappa, undefined);
	assert.equal(status.agreement.alpha.alpha, undefined);
	assert.ok(!JSON.stringify(status).includes('NaN'));
});
