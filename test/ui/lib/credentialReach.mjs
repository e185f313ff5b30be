// The credential Test when the host cannot be reached, in the editor: the open credential's Base
// URL is pointed at a loopback port where nothing listens, Retry is clicked, and what n8n shows
// (its "Couldn't connect" banner, then the message under "More details") must name the host and
// what to check — not n8n's bare "ECONNREFUSED". The change is thrown away ("Close without saving").

import net from 'node:net';

/** A loopback port that was free a moment ago: nothing listens there. */
export function closedPort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/**
 * In an open credential modal: tests the form with its Base URL's host replaced by
 * 127.0.0.1:<closed port>, reads what the form shows, then closes it without saving.
 * Returns { skipped } when the form has no Base URL field, else the failures found and details.
 */
export async function checkUnreachableBaseUrl(editor) {
	const { page } = editor;
	const modal = editor.credentialModal;
	const input = modal.getByTestId('parameter-input-baseUrl').getByTestId('parameter-input-field');
	if (!(await input.count())) return { skipped: true, failures: [], details: [] };
	const port = await closedPort();
	const host = `127.0.0.1:${port}`;
	const original = await input.inputValue();
	await input.fill(original.replace(/^https?:\/\/[^/]+/, `http://${host}`));

	const answer = page.waitForResponse(
		(response) =>
			response.url().includes('/rest/credentials/test') && response.request().method() === 'POST',
		{ timeout: 30_000 },
	);
	await modal
		.getByRole('button', { name: /^\s*(Retry|Test)\s*$/ })
		.first()
		.click();
	const body = await (await answer).json().catch(() => ({}));
	const { status, message = '' } = body?.data ?? {};

	// n8n shows "Couldn't connect with these settings" and the message behind "More details".
	const details = modal.getByText('More details').first();
	if (await details.isVisible().catch(() => false)) await details.click();
	const expected = `Could not reach ${host}`;
	let shown = '';
	for (let attempt = 0; attempt < 20 && !shown.includes(expected); attempt += 1) {
		shown = (await modal.innerText()).replace(/\s+/g, ' ');
		if (!shown.includes(expected)) await page.waitForTimeout(250);
	}

	const failures = [];
	if (status !== 'Error') failures.push(`unreachable Base URL: n8n answered ${status}: ${message}`);
	if (!message.startsWith(expected) || !/check the Base URL and your network/.test(message))
		failures.push(
			`unreachable Base URL: the message does not name ${host} and what to check: "${message}"`,
		);
	if (!shown.includes(expected))
		failures.push(`unreachable Base URL: the form does not show the message ("${expected} …")`);

	// Throw the change away: n8n asks before closing a changed form.
	await modal.getByRole('button', { name: 'Close this dialog' }).click();
	const confirm = page.locator('.el-message-box').filter({ hasText: 'Close without saving?' });
	await confirm.getByRole('button', { name: 'Close', exact: true }).click({ timeout: 10_000 });
	await modal.waitFor({ state: 'hidden' });
	return { failures, details: [`unreachable Base URL (${host}): "${message}"`] };
}
