/**
`npm run torture [-- --seed N --kills N]`: SIGKILLs the real CLI at random moments and checks
that no acknowledged decision and no file is ever lost or doubled (see bench/torture/).
*/
import {parseArgs} from 'node:util';
import {runTorture} from './torture/run-torture.js';

const {values} = parseArgs({
	options: {
		seed: {type: 'string'},
		kills: {type: 'string', default: '200'},
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
