#!/usr/bin/env node
// The build gives dist/cli.js a POSIX sh launcher instead of this line: it starts Node with glibc's
// malloc arenas capped (MALLOC_ARENA_MAX=2 unless set), as one arena per busy decode thread kept
// ~40 MiB no image needed (labeling peak RSS 186-211 MiB without, 163-172 with). `doctor` shows it.
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
