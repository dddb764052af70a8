/** `T` with its readonly fields writable: for an object built by assignment before it is returned. */
export type Mutable<T> = {-readonly [K in keyof T]: T[K]};
