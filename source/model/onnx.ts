import path from 'node:path';
import type {SessionState} from '../core/session-state.js';
import {decodeForModel} from '../image/model-input.js';
import {packageRootOf} from '../shared/package-root.js';
import {UserError} from '../shared/user-error.js';
import {ForgetGenerations} from './forget-generations.js';
import {type GuessSource, type GuessView, Listeners} from './guess-source.js';
import {type ModelSidecar, readSidecar, softmax, tensorFromPixels} from './onnx-sidecar.js';

/** The little of onnxruntime-node's API used here; the package is optional, so no types at build. */
type OrtTensor = {readonly data: ArrayLike<number>};
type OrtSession = {
	readonly inputNames: readonly string[];
	readonly outputNames: readonly string[];
	run(feeds: Record<string, unknown>): Promise<Record<string, OrtTensor>>;
	release?(): Promise<void>;
};
type OrtModule = {
	InferenceSession: {create(file: string, options?: object): Promise<OrtSession>};
	Tensor: new (type: 'float32', data: Float32Array, dims: readonly number[]) => unknown;
};

export const onnxPackage = 'onnxruntime-node';

/** The folder imgsift is installed in, where the optional package must go to be found. */
function installRoot(): string {
	return packageRootOf(import.meta.url);
}

/** The exact command that installs the optional runtime without its GPU-downloading script. */
export function onnxInstallCommand(): string {
	return `cd ${JSON.stringify(installRoot())} && npm install --no-save --ignore-scripts ${onnxPackage}`;
}

export async function loadOnnxRuntime(): Promise<OrtModule> {
	// A variable specifier: TypeScript must not try to resolve a package that is usually absent.
	const specifier: string = onnxPackage;
	try {
		const loaded = (await import(specifier)) as OrtModule & {default?: OrtModule};
		return loaded.InferenceSession ? loaded : (loaded.default ?? loaded);
	} catch (error) {
		throw new UserError(
			`--model needs the optional package ${onnxPackage} (about 290 MB), which is not installed. Install it with:\n  ${onnxInstallCommand()}\n(--ignore-scripts skips its script that downloads GPU libraries; the CPU runtime is in the package.)`,
			{cause: error},
		);
	}
}

/** One model, opened once, classifying images one at a time off the UI thread (ORT's own threads). */
export class OnnxGuessSource implements GuessSource {
	readonly description: string;
	readonly #dir: string;
	readonly #ort: OrtModule;
	readonly #session: OrtSession;
	readonly #sidecar: ModelSidecar;
	readonly #name: string;
	readonly #views = new Map<string, GuessView>();
	readonly #running = new Map<string, Promise<GuessView>>();
	readonly #forgotten = new ForgetGenerations();
	readonly #listeners = new Listeners();
	#queue: Promise<unknown> = Promise.resolve();

	private constructor(
		dir: string,
		ort: OrtModule,
		session: OrtSession,
		sidecar: ModelSidecar,
		file: string,
	) {
		this.#dir = dir;
		this.#ort = ort;
		this.#session = session;
		this.#sidecar = sidecar;
		this.#name = path.basename(file);
		this.description = `model ${this.#name}`;
	}

	static async open(dir: string, modelFile: string): Promise<OnnxGuessSource> {
		const sidecar = await readSidecar(modelFile);
		const ort = await loadOnnxRuntime();
		let session: OrtSession;
		try {
			session = await ort.InferenceSession.create(modelFile, {
				intraOpNumThreads: 1,
				interOpNumThreads: 1,
			});
		} catch (error) {
			throw new UserError(
				`could not open the model ${modelFile}: ${error instanceof Error ? error.message : String(error)}. Check that it is an ONNX file.`,
				{cause: error},
			);
		}

		return new OnnxGuessSource(dir, ort, session, sidecar, modelFile);
	}

	get labels(): readonly string[] {
		return this.#sidecar.labels;
	}

	view(itemPath: string): GuessView {
		return this.#views.get(itemPath) ?? {status: 'pending'};
	}

	async guess(itemPath: string): Promise<GuessView> {
		const known = this.#views.get(itemPath);
		if (known) {
			return known;
		}

		let running = this.#running.get(itemPath);
		if (!running) {
			// One inference at a time: ORT uses its own thread, the UI thread only prepares pixels.
			running = this.#queue.then(async () => this.#classify(itemPath));
			this.#queue = running;
			this.#running.set(itemPath, running);
		}

		return running;
	}

	request(itemPaths: readonly string[]): void {
		for (const itemPath of itemPaths) {
			void this.guess(itemPath);
		}
	}

	forget(itemPath: string): void {
		this.#forgotten.forget(itemPath);
		this.#views.delete(itemPath);
		this.#running.delete(itemPath);
		this.#listeners.emit();
	}

	onChange(listener: () => void): () => void {
		return this.#listeners.add(listener);
	}

	observe(_state: SessionState): void {
		// A fixed model does not learn.
	}

	async settle(): Promise<void> {
		// Nothing to learn.
	}

	summary(): string {
		return `model ${this.#name}`;
	}

	async close(): Promise<void> {
		await this.#queue.catch(() => undefined);
		await this.#session.release?.();
	}

	async #classify(itemPath: string): Promise<GuessView> {
		const stamp = this.#forgotten.stamp(itemPath);
		let view: GuessView;
		try {
			const [width, height] = this.#sidecar.inputSize;
			const pixels = await decodeForModel(path.join(this.#dir, itemPath), width, height);
			const dims = this.#sidecar.layout === 'nchw' ? [1, 3, height, width] : [1, height, width, 3];
			const input = new this.#ort.Tensor('float32', tensorFromPixels(pixels, this.#sidecar), dims);
			const outputs = await this.#session.run({[this.#session.inputNames[0] ?? 'input']: input});
			const output = outputs[this.#session.outputNames[0] ?? 'output'];
			const values = Array.from(output?.data ?? []).slice(0, this.#sidecar.labels.length);
			const scores = this.#sidecar.output === 'logits' ? softmax(values) : values;
			let best = 0;
			for (const [index, score] of scores.entries()) {
				best = score > (scores[best] ?? 0) ? index : best;
			}

			view = {
				status: 'ready',
				guess: {
					label: this.#sidecar.labels[best] ?? '',
					confidence: scores[best] ?? 0,
					source: `model ${this.#name}`,
				},
			};
		} catch (error) {
			view = {status: 'none', reason: error instanceof Error ? error.message : String(error)};
		}

		if (!this.#forgotten.isCurrent(itemPath, stamp)) {
			return view; // Read before the file changed.
		}

		this.#views.set(itemPath, view);
		this.#running.delete(itemPath);
		this.#listeners.emit();
		return view;
	}
}
