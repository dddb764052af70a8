#!/usr/bin/env node
import {checkCommand} from './source/commands/check.js';
import {commitCommand} from './source/commands/commit.js';
import {dbCommand} from './source/commands/db.js';
import {demoCommand} from './source/commands/demo.js';
import {doctorCommand} from './source/commands/doctor.js';
import {guessCommand} from './source/commands/guess.js';
import {labelCommand} from './source/commands/label.js';
import {runCli} from './source/commands/run-cli.js';
import {statusCommand} from './source/commands/status.js';

await runCli([
	labelCommand,
	commitCommand,
	statusCommand,
	checkCommand,
	guessCommand,
	doctorCommand,
	dbCommand,
	demoCommand,
]);
