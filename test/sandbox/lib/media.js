'use strict';

/**
 * `/files/...`: media the sandbox serves itself, so every result URL it hands out can really be downloaded.
 *
 *   /files/videos/<name>.mp4?bytes=N   video/mp4, exactly N bytes (default: option videoBytes)
 *   /files/images/<name>.jpg|.png      a small real image (fixtures/image.jpg, fixtures/image.png)
 *   /files/audio/<name>.mp3            a small audio/mpeg body
 *   /files/previews/<name>.html        an embeddable preview page (Creatify's `preview` URLs)
 *   /files/text/<name>.txt             text/plain (a "not a video" URL for upload tests)
 *
 * Videos are a real, playable 4-second MP4 (fixtures/video.mp4, 270×480 H.264 + AAC, about 95 KB) padded to the
 * requested size with an MP4 `free` box, so players show it and downloads still have exactly N bytes. The padding
 * is generated while streaming, honouring back-pressure, so a 500 MB download never sits in memory. A size too
 * small for the clip gets the old stand-in (an `ftyp` box, an `mdat` box header, then filler), which does not play.
 */

const fs = require('node:fs');
const nodePath = require('node:path');

const FIXTURES = nodePath.join(__dirname, '..', 'fixtures');
const CLIP = fs.readFileSync(nodePath.join(FIXTURES, 'video.mp4'));

const CHUNK = 64 * 1024;
const FILLER = Buffer.alloc(CHUNK, 0x2e);
const MAX_BYTES = 20 * 1024 ** 3;
const NAME_RE = /^[A-Za-z0-9._-]{1,200}$/;

// Small real images (a test pattern labelled "Sandbox image"), so thumbnails and pack images show in the editor.
const JPEG = fs.readFileSync(nodePath.join(FIXTURES, 'image.jpg'));
const PNG = fs.readFileSync(nodePath.join(FIXTURES, 'image.png'));

/** The header of an MP4 box of `size` bytes (64-bit "largesize" form when it does not fit 32 bits). */
function boxHeader(type, size) {
	if (size > 0xffffffff) {
		const header = Buffer.alloc(16);
		header.writeUInt32BE(1, 0);
		header.write(type, 4, 'latin1');
		header.writeBigUInt64BE(BigInt(size), 8);
		return header;
	}
	const header = Buffer.alloc(8);
	header.writeUInt32BE(size, 0);
	header.write(type, 4, 'latin1');
	return header;
}

/**
 * The first bytes of an MP4 of `total` bytes; the rest is filler. When the clip fits: the clip, then the header of
 * a `free` box spanning the rest (players skip it). Otherwise a stand-in: ftyp box, then an mdat box header.
 */
function mp4Header(total) {
	const rest = total - CLIP.length;
	if (rest === 0) return CLIP;
	if (rest >= 8) return Buffer.concat([CLIP, boxHeader('free', rest)]);
	return standInHeader(total);
}

/** A plausible but unplayable MP4 start of `total` bytes: ftyp box, then an mdat box spanning the rest. */
function standInHeader(total) {
	const ftyp = Buffer.from([
		0x00, 0x00, 0x00, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d, 0x00, 0x00, 0x02, 0x00,
		0x69, 0x73, 0x6f, 0x6d, 0x6d, 0x70, 0x34, 0x32,
	]);
	const rest = total - ftyp.length;
	let mdat;
	if (rest >= 16 && rest > 0xffffffff) {
		// 64-bit "largesize" box header.
		mdat = Buffer.alloc(16);
		mdat.writeUInt32BE(1, 0);
		mdat.write('mdat', 4, 'latin1');
		mdat.writeBigUInt64BE(BigInt(rest), 8);
	} else if (rest >= 8) {
		mdat = Buffer.alloc(8);
		mdat.writeUInt32BE(rest, 0);
		mdat.write('mdat', 4, 'latin1');
	} else {
		mdat = Buffer.alloc(0);
	}
	return Buffer.concat([ftyp, mdat]).subarray(0, Math.max(0, total));
}

/** Resolves when the socket can take more data or has gone away; removes both listeners either way. */
function drainOrClose(res) {
	return new Promise((resolve) => {
		const done = () => {
			res.off('drain', done);
			res.off('close', done);
			resolve();
		};
		res.on('drain', done);
		res.on('close', done);
	});
}

/** Writes `limit` bytes of a `total`-byte video, waiting for 'drain'; stops early if the client goes away. */
async function streamVideo(res, total, limit) {
	const header = mp4Header(total);
	let sent = Math.min(header.length, limit);
	// The clip is larger than a socket buffer: wait for it to drain like any other chunk.
	if (sent > 0 && !res.write(header.subarray(0, sent))) await drainOrClose(res);
	while (sent < limit && !res.destroyed) {
		const n = Math.min(CHUNK, limit - sent);
		const ok = res.write(n === CHUNK ? FILLER : FILLER.subarray(0, n));
		sent += n;
		if (!ok) await drainOrClose(res);
	}
	return sent;
}

function plain(res, status, text) {
	res.writeHead(status, {
		'Content-Type': 'text/plain; charset=utf-8',
		'Content-Length': Buffer.byteLength(text),
	});
	res.end(text);
}

function fixed(res, method, contentType, body) {
	res.writeHead(200, { 'Content-Type': contentType, 'Content-Length': body.length });
	res.end(method === 'HEAD' ? undefined : body);
}

/**
 * Serves one /files request. `path` is relative to /files (e.g. "/videos/x.mp4").
 * `cut` is how a fault ends the body early: 'truncate' (the dropAfterProcessing fault) sends the headers and half
 * of the body, then destroys the socket; 'stall' sends the same, then nothing more, leaving the connection open
 * until the client gives up (or the sandbox closes).
 * Returns the HTTP status for the request log.
 */
async function serveFile({ req, res, path, query, defaultVideoBytes, cut }) {
	const method = req.method;
	if (method !== 'GET' && method !== 'HEAD') {
		plain(res, 405, 'Method Not Allowed');
		return 405;
	}
	const m = /^\/(videos|images|audio|previews|text)\/([^/]+)$/.exec(path);
	if (!m || !NAME_RE.test(m[2])) {
		plain(res, 404, 'Not Found');
		return 404;
	}
	const [, kind, name] = m;

	if (kind === 'videos') {
		let total = defaultVideoBytes;
		if (query.bytes !== undefined) {
			const raw = Array.isArray(query.bytes) ? query.bytes[0] : query.bytes;
			total = /^\d+$/.test(raw) ? Number(raw) : NaN;
		}
		if (!Number.isSafeInteger(total) || total < 0 || total > MAX_BYTES) {
			plain(res, 400, `bytes must be an integer between 0 and ${MAX_BYTES}`);
			return 400;
		}
		res.writeHead(200, {
			'Content-Type': 'video/mp4',
			'Content-Length': total,
			'Content-Disposition': `inline; filename="${name}"`,
			'Accept-Ranges': 'none',
		});
		if (method === 'HEAD') {
			res.end();
			return 200;
		}
		if (cut) {
			await streamVideo(res, total, Math.floor(total / 2));
			if (cut === 'truncate') res.destroy();
			return 200;
		}
		await streamVideo(res, total, total);
		res.end();
		return 200;
	}

	let type;
	let body;
	if (kind === 'images') {
		const png = name.toLowerCase().endsWith('.png');
		type = png ? 'image/png' : 'image/jpeg';
		body = png ? PNG : JPEG;
	} else if (kind === 'audio') {
		type = 'audio/mpeg';
		body = Buffer.concat([
			Buffer.from('ID3\x03\x00\x00\x00\x00\x00\x00', 'latin1'),
			Buffer.alloc(16 * 1024),
		]);
	} else if (kind === 'previews') {
		type = 'text/html; charset=utf-8';
		body = Buffer.from(
			`<!doctype html><html><head><title>Preview ${name}</title></head><body>` +
				`<video controls src="../videos/${name.replace(/\.html$/, '')}.mp4?bytes=65536"></video></body></html>`,
		);
	} else {
		type = 'text/plain; charset=utf-8';
		body = Buffer.from('This is a text file, not a video.\n');
	}
	if (cut) {
		res.writeHead(200, { 'Content-Type': type, 'Content-Length': body.length });
		res.write(body.subarray(0, Math.floor(body.length / 2)));
		if (cut === 'truncate') res.destroy();
		return 200;
	}
	fixed(res, method, type, body);
	return 200;
}

module.exports = { serveFile, mp4Header };
