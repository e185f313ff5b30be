/** A readable stream (node:stream PassThrough). */
export function partialBody(bytes: number, options?: { stall?: boolean }): AsyncIterable<unknown>;
