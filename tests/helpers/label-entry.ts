#!/usr/bin/env node
// Runs `label` with options given as one JSON argument, for e2e tests of options that cli.tsx does
// not parse yet (--render): the same runLabel users reach through the CLI.
import {type LabelOptions, runLabel} from '../../source/app/label.js';

const options = JSON.parse(process.argv[2] ?? '{}') as LabelOptions;
await runLabel(options);
