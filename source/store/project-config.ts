import {mkdir} from 'node:fs/promises';
import path from 'node:path';
import {Low} from 'lowdb';
import {classNameProblem, parseClassList} from '../core/class-names.js';
import {describeFsError, writeRemedy} from '../shared/fs-errors.js';
import {UserError} from '../shared/user-error.js';
import {jsonFileAdapter} from './atomic-file.js';
import {labelsDir, projectPath, resolveStoredPath, storedPath} from './paths.js';

export type Order = 'path' | 'shuffle';

export type ProjectConfig = {
	version: 1;
	/** In key order: the first class is key 1. */
	classes: string[];
	/** Output folder: relative (POSIX) to the dataset folder when inside it, else absolute. */
	out: string;
	order: Order;
	seed: number;
	/** The user who created the project. Each run may label as another user (one journal each). */
	user: string;
	createdAt: string;
};

/** Values given on the command line. `out` is absolute, or relative to the dataset folder. */
export type ProjectFlags = {
	classes?: string[];
	out?: string;
	order?: Order;
	seed?: number;
	user?: string;
};

export type ProjectDefaults = {
	out: string;
	order: Order;
	seed: number;
	user: string;
	now?: Date;
};

function shapeProblem(value: unknown): string | undefined {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		return 'it is not a JSON object';
	}

	const config = value as Record<string, unknown>;
	if (config['version'] !== 1) {
		return `its version is ${JSON.stringify(config['version'])}, this imgsift reads version 1`;
	}

	const classes = config['classes'];
	if (!Array.isArray(classes) || !classes.every((name) => typeof name === 'string')) {
		return '"classes" is not a list of names';
	}

	// Class names become folder names: a hand edit must not reach outside the output folder.
	const unsafe = classes.map((name) => classNameProblem(name)).find((problem) => problem);
	if (unsafe !== undefined) {
		return `in "classes", ${unsafe}`;
	}

	const textFields = ['out', 'user', 'createdAt'] as const;
	const missing = textFields.find((field) => typeof config[field] !== 'string');
	if (missing !== undefined) {
		return `"${missing}" is missing`;
	}

	if (config['order'] !== 'path' && config['order'] !== 'shuffle') {
		return '"order" is neither "path" nor "shuffle"';
	}

	return Number.isSafeInteger(config['seed']) ? undefined : '"seed" is not a whole number';
}

/** The saved project of a dataset folder, or undefined when it has none yet. */
export async function loadProject(dir: string): Promise<ProjectConfig | undefined> {
	const file = projectPath(dir);
	const db = new Low<ProjectConfig | null>(jsonFileAdapter(file), null);
	await db.read();
	if (db.data === null) {
		return undefined;
	}

	const problem = shapeProblem(db.data);
	if (problem !== undefined) {
		throw new UserError(
			`${file} is not an imgsift project file: ${problem}. Fix it by hand, or move it away and imgsift will recreate it.`,
		);
	}

	return db.data;
}

export async function saveProject(dir: string, config: ProjectConfig): Promise<void> {
	try {
		await mkdir(labelsDir(dir), {recursive: true});
	} catch (error) {
		throw new UserError(
			`could not create ${labelsDir(dir)}: ${describeFsError(error)}. ${writeRemedy(error)}, then start again.`,
			{cause: error},
		);
	}

	const db = new Low<ProjectConfig>(jsonFileAdapter(projectPath(dir)), config);
	await db.write();
}

/** The output folder of a project as an absolute path. */
export function resolveOut(dir: string, config: ProjectConfig): string {
	return resolveStoredPath(dir, config.out);
}

function validClasses(classes: readonly string[]): string[] {
	try {
		const parsed = parseClassList(classes.join(','));
		if (parsed.length !== classes.length) {
			throw new Error('a class name contains a comma');
		}

		return parsed;
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		throw new UserError(`--classes is not usable: ${reason}.`, {cause: error});
	}
}

function conflicts(dir: string, saved: ProjectConfig, flags: ProjectFlags): string[] {
	const found: string[] = [];
	if (flags.classes !== undefined && flags.classes.join(',') !== saved.classes.join(',')) {
		found.push(
			`--classes ${flags.classes.join(',')} differs from this folder's classes ${saved.classes.join(',')}`,
		);
	}

	if (flags.out !== undefined && path.resolve(dir, flags.out) !== resolveOut(dir, saved)) {
		found.push(`--out ${flags.out} differs from this folder's output folder ${saved.out}`);
	}

	if (flags.order !== undefined && flags.order !== saved.order) {
		found.push(`--order ${flags.order} differs from this folder's order ${saved.order}`);
	}

	if (flags.seed !== undefined && flags.seed !== saved.seed) {
		found.push(`--seed ${flags.seed} differs from this folder's seed ${saved.seed}`);
	}

	return found;
}

/**
The project for a labeling run. On the first run it is created from the flags and defaults
(classes are required then); later runs reuse the saved values, and a flag that disagrees with
one is a UserError. `--user` never conflicts: each user labels into their own journal, so the
returned config carries the flag's user while the saved one keeps the creator.
*/
export async function resolveProject(
	dir: string,
	flags: ProjectFlags,
	defaults: ProjectDefaults,
): Promise<{config: ProjectConfig; created: boolean}> {
	const saved = await loadProject(dir);
	if (saved !== undefined) {
		const found = conflicts(dir, saved, flags);
		if (found.length > 0) {
			throw new UserError(
				`${found.join('; ')} (saved in ${projectPath(dir)}). Drop the flag, or label into another folder.`,
			);
		}

		const config = flags.user === undefined ? saved : {...saved, user: flags.user};
		return {config, created: false};
	}

	if (flags.classes === undefined || flags.classes.length === 0) {
		throw new UserError(
			`${dir} has no imgsift project yet, so its classes are needed: add --classes, for example --classes photo,screenshot.`,
		);
	}

	const config: ProjectConfig = {
		version: 1,
		classes: validClasses(flags.classes),
		out: storedPath(dir, path.resolve(dir, flags.out ?? defaults.out)),
		order: flags.order ?? defaults.order,
		seed: flags.seed ?? defaults.seed,
		user: flags.user ?? defaults.user,
		createdAt: (defaults.now ?? new Date()).toISOString(),
	};
	await saveProject(dir, config);
	return {config, created: true};
}
