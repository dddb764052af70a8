/**
`npm run torture [-- --seed N --kills N --full-disk N]`: SIGKILLs the real CLI at random moments,
then fills its disk at random points during commit and undo (N rounds on a 3 MB tmpfs), and
checks that no acknowledged decision and no file is ever lost or doubled (see bench/torture/).
*/
import {parseArgs} from 'node:util';
import {runFullDiskTorture} from './torture/full-disk.js';
import {runTorture} from './torture/run-torture.js';

const {values} = parseArgs({
	options: {
		seed: {type: 'string'},
		kills: {type: 'string', default: '200'},
		'full-disk': {type: 'string', default: '10'},
		quiet: {type: 'boolean', default: false},
	},
});
const seed =
	values.seed === undefined ? Math.floor(Math.random() * 1_000_000) : Number(values.seed);
const kills = Number(values.kills);
if (!Number.isSafeInteger(seed) || !Number.isSafeInteger(kills) || kills < 1) {
	process.stderr.write('torture: --seed and --kills take whole numbers (--kills at least 1).\n');
	process.exit(2);
}

process.stdout.write(`torture: seed ${seed}, ${kills} kills\n`);
const started = performance.now();
const report = await runTorture({
	seed,
	kills,
	...(values.quiet ? {} : {log: (line: string) => process.stdout.write(`  ${line}\n`)}),
});
const seconds = ((performance.now() - started) / 1000).toFixed(0);
const kinds = Object.entries(report.byKind)
	.map(([kind, count]) => `${kind} ${count}`)
	.join(', ');
process.stdout.write(
	`${report.kills} kills in ${seconds} s (${kinds}); ${report.killsAcross} on the dataset whose class folders are on another filesystem\n` +
		`${report.commitsInterrupted} commits and ${report.undosInterrupted} undos of a committed file caught half way; ${report.unsettledAtKill} kills left a file in two places or a partial copy before the restart; ${report.keysInFlight} keys in flight at a kill\n`,
);
if (report.failure) {
	const {failure} = report;
	process.stdout.write(
		`FAILED at kill ${failure.kill} (${failure.kind}, ${failure.track} dataset): ${failure.message}\n  invariant: ${failure.invariant}\n  folder kept: ${failure.dir}\n  reproduce: npm run torture -- --seed ${seed} --kills ${kills}\n`,
	);
	process.exitCode = 1;
} else {
	process.stdout.write('every invariant held after every kill\n');
}

const fullDiskRounds = Number(values['full-disk']);
if (Number.isSafeInteger(fullDiskRounds) && fullDiskRounds > 0) {
	const diskStarted = performance.now();
	const disk = await runFullDiskTorture({
		seed,
		rounds: fullDiskRounds,
		...(values.quiet ? {} : {log: (line: string) => process.stdout.write(`  ${line}\n`)}),
	});
	const diskSeconds = ((performance.now() - diskStarted) / 1000).toFixed(0);
	if (disk.skipped !== undefined) {
		process.stdout.write(`full disk: skipped, ${disk.skipped}\n`);
	} else if (disk.failure) {
		process.stdout.write(
			`full disk FAILED at round ${disk.failure.round}: ${disk.failure.message}\n  invariant: ${disk.failure.invariant}\n  reproduce: npm run torture -- --seed ${seed} --kills 1 --full-disk ${fullDiskRounds}\n`,
		);
		process.exitCode = 1;
	} else {
		process.stdout.write(
			`full disk: ${disk.rounds} rounds in ${diskSeconds} s, ${disk.commits} commits on a full disk (${disk.commitsRefused} refused something), ${disk.undos} undos; every invariant held\n`,
		);
	}
}
