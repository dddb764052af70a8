import {type FrameUpdate, frameUpdate, inkFrameLines, type KeptCells} from './frame-diff.js';
import {eraseBytes, type Overlay, overlayBytes, sameCells} from './overlay-bytes.js';
import type {OverlayOptions, OverlayStdout} from './painter-contract.js';
import type {GraphicPayload} from './types.js';

export type {Overlay} from './overlay-bytes.js';
export {eraseBytes, overlayBytes} from './overlay-bytes.js';
export type {OverlayOptions, OverlayStdout} from './painter-contract.js';

/** Ink 6 brackets each frame with these (synchronized output, DEC mode 2026) on a TTY. */
const beginSynchronized = '\u001B[?2026h';
const endSynchronized = '\u001B[?2026l';
const clearScreenAndHome = '\u001B[2J\u001B[H';
/** Writes that cannot disturb the picture, so no repaint is needed after them. */
const harmlessWrites = new Set(['', '\u001B[?25l', '\u001B[?25h', beginSynchronized]);

type WriteCallback = (error?: Error | null) => void;

/**
 * Wraps stdout so an image can live beside Ink: Ink's <Text> is far too slow for image cells, so
 * the layout keeps an empty box and we write the image ourselves. Ink's frames are cut down to
 * their changed lines, past the image where the text before it is blank, so they leave it
 * standing; where a frame does write over it, it is painted again just before the frame's
 * synchronized-output bracket closes, so the frame and the image appear together.
 */
export function createOverlayStdout(
	stdout: NodeJS.WriteStream,
	options: OverlayOptions = {},
): OverlayStdout {
	let overlay: Overlay | undefined;
	/** A deferred setOverlay's erases and graphic deletes, not written yet; its paint is the overlay's. */
	let pending: {erase: string; deletes: string} | undefined;
	let flushScheduled = false;
	let insideFrame = false;
	let paintPending = false;
	/** Ink wrote a frame inside the current synchronized bracket. */
	let frameDrawn = false;
	/** Ink's last frame: each is one write that erases the previous frame and draws the next. */
	let lastFrame = '';
	/** Ink's lines the screen holds from row 0, when known: its next frame rewrites only changes. */
	let shownLines: string[] | undefined;
	/** Graphics the terminal holds now, by erase command (one per terminal id) -> frame key. */
	const uploaded = new Map<string, string>();
	/** Set by releaseGraphics: loads still running at exit must not upload behind our back. */
	let released = false;
	/** Set by close: nothing more reaches the terminal. */
	let closed = false;

	/**
	Ink's synchronized frame, held from its opening bracket to its closing one and then written
	with the image in one write: one syscall and one wake-up of the terminal per frame, not four.
	*/
	let held: string[] | undefined;

	const writeRaw = (bytes: string) => {
		if (bytes === '' || closed) return;
		if (held) held.push(bytes);
		else stdout.write(bytes);
	};

	/** Writes what is held so far, for a write that cannot wait (a callback, a Buffer). */
	const releaseHeld = () => {
		if (held && held.length > 0) stdout.write(held.join(''));
		if (held) held.length = 0;
	};

	/**
	The pending bytes, once; they replace a plain repaint, since they end with one. After an Ink
	frame the erases are left out: the frame rewrote those cells, and blanking them would wipe it.
	*/
	const takePending = (afterFrame: boolean): string | undefined => {
		if (pending === undefined) return undefined;
		const erase = afterFrame ? '' : pending.erase;
		const bytes = erase + pending.deletes + (overlay ? overlayBytes(overlay) : '');
		pending = undefined;
		return bytes;
	};

	const flushPending = () => {
		const bytes = takePending(false);
		if (bytes !== undefined && bytes !== '') writeRaw(beginSynchronized + bytes + endSynchronized);
	};

	/**
	Ink's frame as the bytes to write: its changed lines only, when the screen holds the last one and
	no deferred overlay change waits (that one relies on the frame rewriting the cells it erased).
	*/
	const rewriteFrame = (text: string): FrameUpdate => {
		const lines = inkFrameLines(text);
		const shown = shownLines;
		shownLines = lines;
		if (!lines || !shown || pending) return {bytes: text, overwroteKept: true};
		return frameUpdate(shown, lines, keptCells(overlay));
	};

	function write(
		chunk: string | Uint8Array,
		encodingOrCallback?: BufferEncoding | WriteCallback,
		callback?: WriteCallback,
	): boolean {
		if (closed) {
			const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
			if (done) queueMicrotask(() => done());
			return true;
		}

		const text = typeof chunk === 'string' ? chunk : undefined;
		if (text === endSynchronized) {
			const bytes = frameDrawn ? takePending(true) : undefined;
			writeRaw(bytes ?? (paintPending && overlay ? overlayBytes(overlay) : ''));
			paintPending = false;
			frameDrawn = false;
			insideFrame = false;
		}
		const plain = text !== undefined && encodingOrCallback === undefined && callback === undefined;
		let accepted = true;
		let update: FrameUpdate | undefined;
		if (text === beginSynchronized && plain && !held) {
			const frame = [text];
			held = frame;
			// Ink closes its bracket in the same turn; should it ever not, the frame still goes out.
			setImmediate(() => {
				if (held === frame) {
					held = undefined;
					stdout.write(frame.join(''));
				}
			});
		} else if (held && plain && text !== endSynchronized) {
			update = rewriteFrame(text);
			held.push(update.bytes);
		} else if (held && plain) {
			held.push(text);
			const frame = held.join('');
			held = undefined;
			accepted = stdout.write(frame);
		} else {
			releaseHeld();
			if (text === endSynchronized) held = undefined;
			accepted =
				typeof encodingOrCallback === 'function'
					? stdout.write(chunk, encodingOrCallback)
					: stdout.write(chunk, encodingOrCallback, callback);
		}
		if (text === beginSynchronized) insideFrame = true;
		const disturbs =
			update === undefined
				? text === undefined
					? chunk.length > 0
					: !harmlessWrites.has(text)
				: update.overwroteKept;
		if (text !== undefined && !harmlessWrites.has(text) && text !== endSynchronized) {
			lastFrame = text;
			if (update === undefined) shownLines = inkFrameLines(text);
		} else if (text === undefined && disturbs) shownLines = undefined;
		if (insideFrame && disturbs && text !== endSynchronized) frameDrawn = true;
		if (!insideFrame && disturbs && pending !== undefined) writeRaw(takePending(true) ?? '');
		else if (overlay && disturbs && text !== endSynchronized) {
			if (insideFrame) paintPending = true;
			else writeRaw(overlayBytes(overlay));
		}
		return accepted;
	}

	/** Bytes that make sure the terminal holds `graphic` (a reused id may hold an older image). */
	function uploadBytes(graphic: GraphicPayload | undefined): string {
		if (!graphic || released || uploaded.get(graphic.erase) === graphic.key) return '';
		uploaded.set(graphic.erase, graphic.key);
		return graphic.transmit;
	}

	function deleteBytes(graphic: GraphicPayload | undefined): string {
		if (!graphic || uploaded.get(graphic.erase) !== graphic.key) return '';
		uploaded.delete(graphic.erase);
		return graphic.erase;
	}

	// A resize reflows what is on screen, so Ink's erase-the-last-frame no longer lines up: clear
	// the screen and home the cursor before Ink (which subscribes later) redraws, and drop the
	// overlay, whose place is stale until the screen reports the new image box.
	const onResize = () => {
		const stale = deleteBytes(overlay?.graphic);
		overlay = undefined;
		paintPending = false;
		shownLines = undefined;
		writeRaw(clearScreenAndHome + stale);
	};
	stdout.on('resize', onResize);

	function releaseGraphics(): void {
		// A deferred removal holds delete commands already struck from `uploaded`: send them.
		flushPending();
		let bytes = '';
		for (const erase of uploaded.keys()) bytes += erase;
		uploaded.clear();
		released = true;
		writeRaw(bytes);
	}

	const boundMethods = new Map<PropertyKey, {original: unknown; bound: unknown}>();
	const proxy = new Proxy(stdout, {
		get(target, property) {
			if (property === 'write') return write;
			const value: unknown = Reflect.get(target, property, target);
			if (typeof value !== 'function') return value;
			// Bind to the real stream (its internals use private state) and keep the identity stable,
			// so `on(event, f)` followed by `off(event, f)` and similar comparisons keep working.
			const cached = boundMethods.get(property);
			if (cached?.original === value) return cached.bound;
			const bound: unknown = value.bind(target);
			boundMethods.set(property, {original: value, bound});
			return bound;
		},
	});

	return {
		stdout: proxy,
		setOverlay(next, paint) {
			if (paint?.now === true) flushPending();
			const previous = overlay;
			overlay = next;
			// Upload outside the synchronized bracket: it can be large and has nothing to show yet.
			writeRaw(uploadBytes(next?.graphic));
			const erase = previous && !(next && sameCells(previous, next)) ? eraseBytes(previous) : '';
			const deletes =
				previous?.graphic?.key === next?.graphic?.key ? '' : deleteBytes(previous?.graphic);
			if (options.deferPaint !== true || paint?.now === true) {
				const bytes = erase + deletes + (next ? overlayBytes(next) : '');
				if (bytes !== '') writeRaw(beginSynchronized + bytes + endSynchronized);
				return;
			}

			// An earlier pending overlay was never painted; its erases still apply.
			pending = {
				erase: (pending?.erase ?? '') + erase,
				deletes: (pending?.deletes ?? '') + deletes,
			};
			if (!flushScheduled) {
				flushScheduled = true;
				setImmediate(() => {
					flushScheduled = false;
					flushPending();
				});
			}
		},
		dropOverlay() {
			flushPending();
			if (!overlay) return;
			const bytes = eraseBytes(overlay) + deleteBytes(overlay.graphic) + lastFrame;
			overlay = undefined;
			shownLines = inkFrameLines(lastFrame);
			writeRaw(beginSynchronized + bytes + endSynchronized);
		},
		preload(graphic) {
			writeRaw(uploadBytes(graphic));
		},
		releaseGraphics,
		close() {
			if (closed) return;
			// A frame Ink never closed is dropped: half a synchronized frame would stall the terminal.
			held = undefined;
			releaseGraphics();
			closed = true;
			stdout.off('resize', onResize);
		},
		repaint() {
			flushPending();
			if (overlay) writeRaw(overlayBytes(overlay));
		},
		eraseOverlay() {
			flushPending();
			if (overlay) writeRaw(eraseBytes(overlay) + deleteBytes(overlay.graphic));
			overlay = undefined;
		},
	};
}

/** The overlay's cells, which Ink's frames leave alone where the text before them is blank. */
function keptCells(overlay: Overlay | undefined): KeptCells | undefined {
	if (!overlay) return undefined;
	const width =
		overlay.width ?? (overlay.lineWidths ? Math.max(0, ...overlay.lineWidths) : undefined);
	// Without a known width every changed line is written whole, and the overlay painted again.
	const right = width === undefined ? 0 : overlay.left + width;
	return {top: overlay.top, rows: overlay.lines.length, right};
}
