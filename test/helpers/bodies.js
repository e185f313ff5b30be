'use strict';
/**
 * Response bodies for download tests: real streams (the lint forbids importing node:stream in .ts files).
 */
const { PassThrough } = require('node:stream');

/** A body that sends `bytes` bytes, then ends (or, with `stall`, stays open and silent). */
function partialBody(bytes, { stall = false } = {}) {
	const body = new PassThrough();
	body.write(Buffer.alloc(bytes, 1));
	if (!stall) body.end();
	return body;
}

module.exports = { partialBody };
