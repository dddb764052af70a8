import type {CommandRegistration} from './command.js';

export const demoCommand: CommandRegistration = (cli) =>
	cli.command(
		'demo',
		'copy the bundled sample images into a temporary folder and label them',
		(command) => command,
		async () => (await import('../app/demo.js')).runDemo(),
	);
