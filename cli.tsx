#!/usr/bin/env node
// The build gives dist/cli.js a POSIX sh launcher instead of this line: it starts Node with glibc's
// malloc arenas capped (MALLOC_ARENA_MAX=2 unless set), as one arena per busy decode thread kept
// ~40 MiB no image needed (labeling peak RSS 186-211 MiB without, 163-172 with), and V8's young
// generation capped at 16 MiB (--max-semi-space-size=8): the run-time budget (shared/heap-budget)
// is checked only as collections are reported, and a long replay grew past it to 32 MiB, ~15 MiB
// more RSS, in 5 of 14 resumed 100k starts (README, start-up, eighth pass). `doctor` shows both.
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
