/**
`node build/bench/heap-summary.js FILE.heapsnapshot [rows]`: where a V8 heap snapshot's bytes are,
by node type (strings, objects, arrays, code...) and by constructor, biggest first: the "heap
snapshot summary" of a memory figure, without opening DevTools.
*/
import {readFileSync} from 'node:fs';
import process from 'node:process';

type Snapshot = {
	readonly snapshot: {
		readonly meta: {
			readonly node_fields: readonly string[];
			readonly node_types: readonly [readonly string[], ...unknown[]];
		};
	};
	readonly nodes: readonly number[];
	readonly strings: readonly string[];
};

type Row = {count: number; bytes: number};

function add(rows: Map<string, Row>, key: string, bytes: number): void {
	const row = rows.get(key);
	if (row) {
		row.count++;
		row.bytes += bytes;
	} else {
		rows.set(key, {count: 1, bytes});
	}
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

function print(title: string, rows: Map<string, Row>, limit: number): void {
	process.stdout.write(`${title}\n`);
	const sorted = [...rows.entries()].sort((left, right) => right[1].bytes - left[1].bytes);
	for (const [key, row] of sorted.slice(0, limit)) {
		process.stdout.write(
			`  ${mib(row.bytes).padStart(11)}  ${String(row.count).padStart(9)}  ${key.slice(0, 90)}\n`,
		);
	}
}

const [file, rowsArgument] = process.argv.slice(2);
if (file === undefined) {
	process.stderr.write('usage: node build/bench/heap-summary.js FILE.heapsnapshot [rows]\n');
	process.exit(2);
}

const heap = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
const fields = heap.snapshot.meta.node_fields;
const types = heap.snapshot.meta.node_types[0];
const width = fields.length;
const typeAt = fields.indexOf('type');
const nameAt = fields.indexOf('name');
const sizeAt = fields.indexOf('self_size');
const byType = new Map<string, Row>();
const byName = new Map<string, Row>();
let total = 0;
for (let index = 0; index < heap.nodes.length; index += width) {
	const type = types[heap.nodes[index + typeAt] ?? 0] ?? '?';
	const bytes = heap.nodes[index + sizeAt] ?? 0;
	total += bytes;
	add(byType, type, bytes);
	const name =
		type === 'object' || type === 'closure' ? heap.strings[heap.nodes[index + nameAt] ?? 0] : '';
	add(byName, `${type}${name ? ` ${name}` : ''}`, bytes);
}

process.stdout.write(`${file}: ${mib(total)} in ${heap.nodes.length / width} nodes\n`);
print('by type (bytes, count):', byType, 30);
print('by type and constructor:', byName, Number(rowsArgument ?? 30));
