import type {Argv} from 'yargs';

/**
One command: adds its builder and handler to the CLI. Handlers import their app module only when
chosen: Ink alone takes ~0.4 s to import, which `status`, `commit` and `--help` need not pay.
*/
export type CommandRegistration = (cli: Argv) => Argv;
