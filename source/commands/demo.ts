import type {CommandRegistration} from './command.js';

export const demoCommand: CommandRegistration = (cli, choose) =>
	cli.command(
		'demo',
		'copy the bundled sample images into a temporary folder and label them',
		(command) => choose(command, async () => (await import('../app/demo.js')).runDemo()),
	);
