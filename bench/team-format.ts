import {formatMs} from './stats.js';
import type {TeamResult} from './team-bench.js';

function describe(result: TeamResult): string {
	const {scenario} = result;
	const mode =
		scenario.mode.kind === 'exclusive' ? 'exclusive' : `--overlap ${scenario.mode.votes}`;
	const pace = scenario.paceMs === 0 ? 'flat out' : `a decision every ${scenario.paceMs} ms each`;
	const events = [
		scenario.kill ? 'one kill -9' : '',
		scenario.restartDatabase ? 'a database restart' : '',
	].filter((each) => each !== '');
	return `${scenario.backend}, ${scenario.labelers} labelers, ${mode}, ${scenario.items.toLocaleString('en-US')} items, ${pace}${events.length > 0 ? `, ${events.join(' and ')}` : ''}`;
}

/** The figures, one block per run, worded as the README quotes them. */
export function formatTeamBench(results: readonly TeamResult[]): string {
	const lines: string[] = [];
	const line = (label: string, value: string) => lines.push(`    ${label.padEnd(46)} ${value}`);
	for (const result of results) {
		const {count} = result;
		lines.push(`  ${describe(result)} (lease ${result.scenario.leaseMs / 1000} s)`);
		line(
			'items settled / doubled / lost',
			`${count.settled} / ${count.doubled} / ${count.lost}; same person twice: ${count.sameUserTwice}`,
		);
		line(
			'ledger cost per keypress: append, p50 / p99',
			`${formatMs(result.appends.p50)} / ${formatMs(result.appends.p99)} (target p99 ≤ 2 ms)`,
		);
		line(
			'  CPU time of the append, p50 / p99',
			`${formatMs(result.appendCpu.p50)} / ${formatMs(result.appendCpu.p99)}`,
		);
		line(
			'  event loop lateness, any work (median labeler)',
			`${formatMs(result.lateness.p50)} / ${formatMs(result.lateness.p99)}`,
		);
		if (result.syncLags !== undefined) {
			line(
				'sync to the database (background), p50 / p99',
				`${formatMs(result.syncLags.p50)} / ${formatMs(result.syncLags.p99)} from keypress to stored`,
			);
		}

		line(
			'  with waits for a claim when the batch ran dry',
			`${formatMs(result.costs.p50)} / ${formatMs(result.costs.p99)}`,
		);
		line(
			'claim of 32, p50 / p99 (off the keypress path)',
			`${formatMs(result.claims.p50)} / ${formatMs(result.claims.p99)}`,
		);
		line(
			'decisions per second, all labelers',
			`${Math.round((count.decisions / result.wallMs) * 1000)} (${count.decisions} in ${formatMs(result.wallMs)}, idle tail of lease + 3 s included)`,
		);
		line('  first to last decision', `${Math.round(result.sustained)} per second`);
		if (result.killedReturnMs !== undefined) {
			line(
				`killed labeler's ${result.killedHeld} claims back within`,
				`${formatMs(result.killedReturnMs)} (limit lease + 5 s = ${formatMs(result.scenario.leaseMs + 5000)})`,
			);
		}

		if (result.unsentAtKill !== undefined) {
			line('its decisions only in its journal at the kill', String(result.unsentAtKill));
		}

		if (result.resynced !== undefined) {
			line('its decisions sent when it reopened', String(result.resynced));
		}

		if (result.refused !== undefined) {
			line('late votes refused (item decided by another)', String(result.refused));
		}
	}

	return lines.join('\n');
}
