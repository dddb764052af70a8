import type {CommandRegistration} from './command.js';
import {addDatasetOptions} from './options/dataset-options.js';
import {addS3Options, s3FlagsOf} from './options/s3-options.js';
import {addDatabaseOption, addOverlapOption} from './options/team-options.js';

export const commitCommand: CommandRegistration = (cli, choose) =>
	cli.command(
		'commit <dir>',
		'move every decided (in a team: final-labeled, unclaimed) file not yet moved into its class folder',
		(command) =>
			choose(
				addOverlapOption(
					addDatabaseOption(
						addS3Options(addDatasetOptions(command, 'folder of images, or s3://bucket/prefix/')),
					),
					'the team labels in overlap mode, N votes per image (2–9; on one box the folder remembers it)',
				)
					.option('out', {
						type: 'string',
						describe:
							's3:// only: the prefix class prefixes go under (default <prefix>labeled/; remembered)',
					})
					.option('commit-mode', {
						choices: ['move', 'manifest'] as const,
						default: 'move' as const,
						describe:
							's3:// only: move objects, or write a Ground Truth output manifest and move nothing',
					})
					.option('manifest', {
						type: 'string',
						describe:
							'with --commit-mode manifest: the file to write (default in the state folder)',
					}),
				async (argv) =>
					(await import('../app/commit.js')).runCommit({
						dir: argv.dir,
						user: argv.user,
						out: argv.out,
						commitMode: argv.commitMode,
						manifest: argv.manifest,
						db: argv.db,
						overlap: argv.overlap,
						s3: s3FlagsOf(argv),
					}),
			),
	);
