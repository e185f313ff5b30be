// The page's console, page errors and failed requests, kept in order so that each screen of the
// editor tests can look at what happened while it was on screen.
//
// Which entries count as errors of ours: every console error and uncaught page error, except
// - requests to hosts other than the n8n server: the editor looks things up on the internet
//   (the npm registry page of a community package, for example), which a closed network refuses;
// - requests the browser cancelled itself (a page navigation aborts the previous page's loads);
// - n8n's 401 answers before sign-in.
// Ignored entries are still written to the console log saved with a failure.

export class ConsoleLog {
	constructor(page, baseUrl) {
		this.entries = [];
		this.origin = new URL(baseUrl).origin;
		const add = (entry) => this.entries.push({ time: new Date().toISOString(), ...entry });
		page.on('console', (message) => {
			add({
				kind: `console.${message.type()}`,
				text: message.text(),
				url: message.location()?.url,
			});
		});
		page.on('pageerror', (error) => add({ kind: 'pageerror', text: error.stack || error.message }));
		page.on('requestfailed', (request) =>
			add({
				kind: 'requestfailed',
				text: `${request.method()} ${request.url()}: ${request.failure()?.errorText ?? 'failed'}`,
				url: request.url(),
			}),
		);
		page.on('response', (response) => {
			if (response.status() >= 400) {
				add({
					kind: 'http',
					text: `${response.request().method()} ${response.url()} → HTTP ${response.status()}`,
					url: response.url(),
				});
			}
		});
	}

	mark() {
		return this.entries.length;
	}

	/** Why an entry is not an error of ours, or undefined when it is one. */
	ignoredBecause(entry) {
		let host;
		try {
			host = entry.url ? new URL(entry.url).origin : undefined;
		} catch {
			host = undefined;
		}
		if (host && host !== this.origin && /^https?:/.test(entry.url))
			return 'outside the closed network';
		if (/net::ERR_ABORTED/.test(entry.text)) return 'cancelled by the browser';
		if (/status of 401/.test(entry.text) && entry.url && /\/rest\/(login|me)\b/.test(entry.url))
			return 'before sign-in';
		return undefined;
	}

	/** Console errors and page errors since `mark` that are not ignored. */
	errorsSince(mark) {
		return this.entries
			.slice(mark)
			.filter((entry) => entry.kind === 'console.error' || entry.kind === 'pageerror')
			.filter((entry) => !this.ignoredBecause(entry));
	}

	ignoredSince(mark) {
		return this.entries
			.slice(mark)
			.filter((entry) => ['console.error', 'pageerror', 'requestfailed'].includes(entry.kind))
			.filter((entry) => this.ignoredBecause(entry));
	}

	format(from = 0) {
		return this.entries
			.slice(from)
			.map((entry) => {
				const reason = this.ignoredBecause(entry);
				const where = entry.url ? ` (${entry.url})` : '';
				return `${entry.time} ${entry.kind}${reason ? ` [ignored: ${reason}]` : ''} ${entry.text}${where}`;
			})
			.join('\n');
	}
}
