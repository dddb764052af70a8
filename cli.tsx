#!/usr/bin/env -S MALLOC_ARENA_MAX=2 node
// The launcher line caps glibc's malloc arenas: one per busy decode thread kept ~40 MiB that no
// image needed (labeling peak RSS 195-203 MiB without the cap, 155-169 MiB with it). `doctor` shows it.
import {checkCommand} from './source/commands/check.js';
import {commitCommand} from './source/commands/commit.js';
import {dbCommand} from './source/commands/db.js';
import {demoCommand} from './source/commands/demo.js';
import {doctorCommand} from './source/commands/doctor.js';
import {exportCommand} from './source/commands/export.js';
import {guessCommand} from './source/commands/guess.js';
import {importCommand} from './source/commands/import.js';
import {labelCommand} from './source/commands/label.js';
import {runCli} from './source/commands/run-cli.js';
import {statusCommand} from './source/commands/status.js';

await runCli([
	labelCommand,
	commitCommand,
	statusCommand,
	checkCommand,
	guessCommand,
	exportCommand,
	importCommand,
	doctorCommand,
	dbCommand,
	demoCommand,
]);
