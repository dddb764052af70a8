import type {ArgumentsCamelCase, Argv} from 'yargs';

/**
Called by a command's builder, which yargs runs only for the command it chose: keeps `run` for
after the parse, so the CLI parses, then dispatches, and a group such as `db` parsed without one of
its commands is a usage error rather than a silent success.
*/
export type ChooseCommand = <Options>(
	command: Argv<Options>,
	run: (argv: ArgumentsCamelCase<Options>) => Promise<unknown>,
) => Argv<Options>;

/**
One command: adds its builder, whose `choose` names what runs once the arguments are parsed. Runs
import their app module only when chosen: Ink alone takes ~0.4 s to import, which `status`,
`commit` and `--help` need not pay.
*/
export type CommandRegistration = (cli: Argv, choose: ChooseCommand) => Argv;
