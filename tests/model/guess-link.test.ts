import assert from 'node:assert/strict';
import path from 'node:path';
import test from 'node:test';
import {openGuessSource} from '../../source/model/open-guess-source.js';
import {GuessLink} from '../../source/session/guess-link.js';
import {copySamples, removeFolder} from '../helpers/dataset.js';

const classes = ['photo', 'screenshot'];

test('the loop never waits: a guess not ready reads as pending, and Enter says so', async (t) => {
	const dir = await copySamples();
	const {source} = await openGuessSource({
		dir,
		labels: path.join(dir, '.labels'),
		classes,
		mode: 'builtin',
		workers: 1,
	});
	const link = new GuessLink(source, '');
	t.after(async () => link.close());
	// After the close above: hooks run in order, and a writer still open fails the removal.
	t.after(async () => removeFolder(dir));
	assert.deepEqual(link.status('img_0030.jpg'), {status: 'pending'});
	assert.match(link.acceptProblem('img_0030.jpg', classes) ?? '', /not ready yet/);
	assert.equal(link.current('img_0030.jpg'), undefined);
	let changes = 0;
	link.onChange(() => {
		changes++;
	});
	await source?.guess('img_0030.jpg');
	assert.ok(changes > 0, 'listeners hear that a guess arrived');
	const status = link.status('img_0030.jpg');
	assert.equal(status.status === 'ready' && status.label, 'screenshot');
	assert.equal(link.status('img_0030.jpg'), status, 'the same object while nothing changed');
	assert.equal(link.acceptProblem('img_0030.jpg', classes), undefined);
	assert.equal(link.current('img_0030.jpg')?.source, 'builtin');
	await source?.guess('img_0047.jpg');
	assert.match(
		link.acceptProblem('img_0047.jpg', classes) ?? '',
		/No guess for this image \(no features: .*empty/,
	);
});

test('without a source the slot shows the hint and Enter explains', () => {
	const link = new GuessLink(undefined, 'guesses are off (--guess off)');
	assert.deepEqual(link.status('a.jpg'), {status: 'off', hint: 'guesses are off (--guess off)'});
	assert.match(link.acceptProblem('a.jpg', classes) ?? '', /guesses are off/);
	assert.equal(link.enabled, false);
});
