import type {Argv} from 'yargs';

/** The folder every dataset command works on, and whose journal it reads or writes. */
export const addDatasetOptions = <T>(command: Argv<T>, describe = 'folder of images') =>
	command.positional('dir', {type: 'string', demandOption: true, describe}).option('user', {
		type: 'string',
		describe: 'whose journal to use (default: the project user)',
	});
