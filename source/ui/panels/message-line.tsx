import {Text} from 'ink';
import type {LabelSnapshot} from '../../session/screen-contract.js';
import {escapeControl} from '../../shared/escape.js';

export function MessageLine({message}: Pick<LabelSnapshot, 'message'>) {
	if (!message) {
		return undefined;
	}

	// Messages may span lines on purpose; anything else that controls the terminal is escaped.
	const text = message.text.split('\n').map(escapeControl).join('\n');
	return message.kind === 'error' ? <Text color="red">{text}</Text> : <Text>{text}</Text>;
}
