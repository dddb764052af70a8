/** `imgsift export`: runs the export and prints where it went, warnings first. */
import {escapeControl} from '../shared/escape.js';
import {type ExportRequest, runExportRequest} from './export-run.js';

export async function runExport(request: ExportRequest): Promise<void> {
	const summary = await runExportRequest(request);
	for (const warning of summary.warnings) {
		process.stderr.write(`imgsift: ${escapeControl(warning)}\n`);
	}

	process.stdout.write(
		`Wrote ${summary.written} labeled item(s) as ${summary.format} to ${escapeControl(summary.target)}\n`,
	);
}
