/**
How many times each path was forgotten (its file changed). A computation takes a stamp before it
starts and keeps its result only if the stamp is still current when it ends.
*/
export class ForgetGenerations {
	readonly #counts = new Map<string, number>();

	stamp(itemPath: string): number {
		return this.#counts.get(itemPath) ?? 0;
	}

	forget(itemPath: string): void {
		this.#counts.set(itemPath, this.stamp(itemPath) + 1);
	}

	isCurrent(itemPath: string, stamp: number): boolean {
		return this.stamp(itemPath) === stamp;
	}
}
