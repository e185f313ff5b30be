'use strict';
/**
 * Hosts a credential test can be pointed at, for the cases the provider sandbox cannot play: a server that accepts
 * connections and never answers, one that answers with a web page, and a loopback port where nothing listens.
 * CommonJS on purpose: it needs node:net and node:http, which strict lint forbids in .ts files.
 */
const http = require('node:http');
const net = require('node:net');

function listen(server) {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve(server.address().port));
	});
}

/** Starts the servers; `close()` stops them. */
async function startTestHosts() {
	// Its connections are kept to be destroyed on close: a client that gave up may leave them open.
	const sockets = new Set();
	const silent = net.createServer((socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	const webPage = http.createServer((_request, response) => {
		response.writeHead(200, { 'content-type': 'text/html' });
		response.end('<html><body>Welcome</body></html>');
	});
	const silentPort = await listen(silent);
	const webPagePort = await listen(webPage);
	// A port that was free a moment ago: nothing listens there.
	const probe = net.createServer();
	const closedPort = await listen(probe);
	await new Promise((resolve) => probe.close(resolve));
	return {
		silentPort,
		webPagePort,
		closedPort,
		async close() {
			for (const socket of sockets) socket.destroy();
			webPage.closeAllConnections();
			await Promise.all(
				[silent, webPage].map((server) => new Promise((resolve) => server.close(resolve))),
			);
		},
	};
}

module.exports = { startTestHosts };
