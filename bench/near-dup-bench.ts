import path from 'node:path';
import {buildCheckReport} from '../source/formats/check-report.js';
import {checkFolder} from '../source/scan/check.js';
import {defaultNearDistance} from '../source/scan/check-types.js';
import {createNearJudge} from '../source/scan/near-judge.js';
import {ensureNearDupSet, type NearDupFile, transformations} from './near-dup-set.js';

export type TransformationFigure = {
	readonly transformation: string;
	/** Pairs of a base and its transformed copy. */
	readonly pairs: number;
	/** Of those, put in one near group. */
	readonly found: number;
	readonly recall: number;
};

export type NearDupFigures = {
	readonly files: number;
	readonly nearDistance: number;
	readonly perTransformation: readonly TransformationFigure[];
	/** Pairs in one group that come from the same base, over all pairs grouped. */
	readonly precision: number;
	/** Pairs grouped that come from different bases: the goal is zero. */
	readonly unrelatedPairs: number;
	/** Of those, two screenshots of one app template. */
	readonly templatePairs: number;
	readonly examples: readonly string[];
	readonly seconds: number;
};

/**
Runs the real check (hashes, pHash candidates, thumbnail test) over the generated near-duplicate
set and counts, per transformation, how many base–copy pairs were grouped, and how many grouped
pairs are unrelated images.
*/
export async function runNearDupBench(options: {
	readonly samples: string;
	readonly nearDistance?: number;
}): Promise<NearDupFigures> {
	const set = await ensureNearDupSet({samples: options.samples});
	const nearDistance = options.nearDistance ?? defaultNearDistance;
	const started = performance.now();
	const run = await checkFolder({
		dir: set.dir,
		ignore: [],
		maxPixels: 100_000_000,
		cacheFile: false,
	});
	const report = await buildCheckReport(run, {
		dir: set.dir,
		out: path.join(set.dir, 'labeled'),
		maxPixels: 100_000_000,
		nearDistance,
		judge: createNearJudge(set.dir),
	});
	const seconds = (performance.now() - started) / 1000;
	const groupOf = new Map<string, number>();
	for (const group of report.nearGroups) {
		for (const member of group.members) {
			groupOf.set(member.path, group.id);
		}
	}

	const byPath = new Map(set.files.map((file) => [file.path, file]));
	const perTransformation = transformations.map((transformation) => {
		const copies = set.files.filter((file) => file.transformation === transformation);
		const found = copies.filter((copy) => {
			const group = groupOf.get(copy.path);
			return group !== undefined && groupOf.get(copy.base) === group;
		}).length;
		return {transformation, pairs: copies.length, found, recall: found / copies.length};
	});
	let related = 0;
	let unrelated = 0;
	let template = 0;
	const examples: string[] = [];
	for (const group of report.nearGroups) {
		const members = group.members
			.map((member) => byPath.get(member.path))
			.filter((file): file is NearDupFile => file !== undefined);
		for (const [at, one] of members.entries()) {
			for (const other of members.slice(at + 1)) {
				if (one.base === other.base) {
					related++;
					continue;
				}

				unrelated++;
				template += one.template !== undefined && one.template === other.template ? 1 : 0;
				if (examples.length < 5) {
					examples.push(`${one.path} ~ ${other.path}`);
				}
			}
		}
	}

	return {
		files: set.files.length,
		nearDistance,
		perTransformation,
		precision: related + unrelated === 0 ? 1 : related / (related + unrelated),
		unrelatedPairs: unrelated,
		templatePairs: template,
		examples,
		seconds,
	};
}

export function formatNearDupBench(figures: NearDupFigures): string {
	const lines = figures.perTransformation.map(
		(row) =>
			`  ${`near duplicates, ${row.transformation}: recall`.padEnd(48)} ${`${row.recall.toFixed(3)} (${row.found}/${row.pairs})`.padEnd(24)} ${row.transformation === 'brightness' ? '' : 'target ≥ 0.95'}`,
	);
	lines.push(
		`  ${'near duplicates: precision (pairs grouped)'.padEnd(48)} ${figures.precision.toFixed(3).padEnd(24)} target 1`,
		`  ${'near duplicates: unrelated pairs grouped'.padEnd(48)} ${`${figures.unrelatedPairs} (${figures.templatePairs} of one template)`.padEnd(24)} target 0`,
		`  (${figures.files} files, pHash ≤ ${figures.nearDistance} bits then the thumbnail test, ${figures.seconds.toFixed(1)} s)`,
		...figures.examples.map((example) => `  unrelated: ${example}`),
	);
	return lines.join('\n');
}

const invokedDirectly = process.argv[1]?.endsWith('near-dup-bench.js') === true;
if (invokedDirectly) {
	const samples = process.argv[2] ?? path.resolve('samples');
	const distance = process.argv[3] === undefined ? undefined : Number(process.argv[3]);
	const figures = await runNearDupBench({
		samples,
		...(distance === undefined ? {} : {nearDistance: distance}),
	});
	process.stdout.write(`${formatNearDupBench(figures)}\n`);
}
