// What a user does in n8n's editor, as Playwright steps. Selectors are n8n's own `data-test-id`
// attributes (n8n 2.40), read as `getByTestId` (see browser.mjs); visible texts only where n8n has
// no test id (dropdown option headlines, tooltip lists).

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `read` until `done(value)` or the timeout; returns the last value either way. */
async function pollUntil(read, done, { timeoutMs = 5000, intervalMs = 150 } = {}) {
	const deadline = Date.now() + timeoutMs;
	let value = await read();
	while (!done(value) && Date.now() < deadline) {
		await sleep(intervalMs);
		value = await read();
	}
	return value;
}

export class Editor {
	constructor(page, baseUrl) {
		this.page = page;
		this.baseUrl = baseUrl.replace(/\/$/, '');
	}

	async signIn({ email, password }) {
		const { page } = this;
		await page.goto(`${this.baseUrl}/signin`);
		await page.locator('#emailOrLdapLoginId').fill(email);
		await page.locator('#password').fill(password);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 30_000 });
	}

	async newWorkflow() {
		await this.page.goto(`${this.baseUrl}/workflow/new`);
		await this.page.getByTestId('canvas').waitFor();
		await this.page.getByTestId('node-creator-plus-button').waitFor();
	}

	async openWorkflow(id) {
		await this.page.goto(`${this.baseUrl}/workflow/${id}`);
		await this.page.getByTestId('canvas-node').first().waitFor();
	}

	// ---- node panel ("node creator") ----

	get nodeCreator() {
		return this.page.getByTestId('node-creator');
	}

	/** Opens the node panel with the canvas "+" button, or with the keyboard (N in n8n 2.40). */
	async openNodePanel({ via = 'plus' } = {}) {
		const { page } = this;
		if (via === 'key') {
			// Focus the canvas by clicking an empty spot (top left, away from nodes and controls).
			const box = await page.getByTestId('canvas-wrapper').boundingBox();
			await page.mouse.click(box.x + box.width * 0.15, box.y + box.height * 0.15);
			await page.keyboard.press('n');
		} else {
			await page.getByTestId('node-creator-plus-button').click();
		}
		await this.nodeCreator.waitFor();
		await page.getByTestId('node-creator-search-bar').waitFor();
	}

	/** Dismisses n8n's one-time hints ("Press N to browse nodes … Got it"), which cover buttons. */
	async dismissHints() {
		const gotIt = this.page.getByRole('button', { name: 'Got it' });
		for (
			let i = 0;
			i < 3 &&
			(await gotIt
				.first()
				.isVisible()
				.catch(() => false));
			i += 1
		) {
			await gotIt
				.first()
				.click()
				.catch(() => {});
			await sleep(200);
		}
	}

	async closeNodePanel() {
		const { page } = this;
		for (let i = 0; i < 3 && (await this.nodeCreator.isVisible()); i += 1) {
			await page.keyboard.press('Escape');
			await sleep(200);
		}
		if (await this.nodeCreator.isVisible()) {
			// Escape does not close it from some views (no search results): click the canvas beside it.
			const box = await page.getByTestId('canvas-wrapper').boundingBox();
			if (box) await page.mouse.click(box.x + box.width * 0.15, box.y + box.height * 0.15);
			await this.nodeCreator.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
		}
	}

	/** The panel's heading ("What triggers this workflow?", "What happens next?", ...). */
	async nodePanelTitle() {
		return (await this.page.getByTestId('nodes-list-header').last().innerText())
			.split('\n')[0]
			.trim();
	}

	async listedNames() {
		return (await this.nodeCreator.getByTestId('node-creator-item-name').allInnerTexts()).map(
			(name) => name.trim(),
		);
	}

	/** The description the panel shows under the entry named `name` ('' when it shows none). */
	async listedDescription(name) {
		return await this.nodeCreator
			.getByTestId('node-creator-item-name')
			.evaluateAll((elements, wanted) => {
				const item = elements.find((element) => element.textContent.trim() === wanted);
				for (let node = item; node; node = node.parentElement) {
					const description = node.querySelector('[data-test-id="node-creator-item-description"]');
					if (description) return description.textContent.replace(/\s+/g, ' ').trim();
				}
				return '';
			}, name);
	}

	/**
	 * Types `text` into the panel's search and returns the names listed once the results settle
	 * (the same list three reads in a row), waiting longer while `expect` is not listed yet.
	 */
	async search(text, { expect } = {}) {
		await this.page.getByTestId('node-creator-search-bar').fill(text);
		await sleep(300);
		const reads = [];
		return await pollUntil(
			async () => await this.listedNames(),
			(names) => {
				reads.push(names.join('\n'));
				const settled = reads.length >= 3 && reads.slice(-3).every((read) => read === reads.at(-1));
				return settled && (!expect || names.includes(expect));
			},
			{ timeoutMs: 4000 },
		);
	}

	/**
	 * Opens every collapsed section of the panel's current view. An app's entry lists "Triggers"
	 * and "Actions" sections, and n8n collapses the one that does not fit where the node goes
	 * (Actions while choosing a workflow's first step), so its items are not rendered until then.
	 */
	async expandSections() {
		const collapsed = this.nodeCreator.locator(
			'[data-category-collapsed="true"] > [data-test-id="node-creator-category-item"]',
		);
		for (let i = 0; i < 10 && (await collapsed.count()); i += 1) {
			await collapsed.first().click();
			await sleep(200);
		}
	}

	/** The section headers of the panel's current view ("Triggers (1)", "Actions (13)"). */
	async sectionNames() {
		return (await this.nodeCreator.getByTestId('node-creator-category-item').allInnerTexts()).map(
			(text) => text.replace(/\s+/g, ' ').trim(),
		);
	}

	async clickListed(name) {
		const item = this.nodeCreator
			.getByTestId('node-creator-item-name')
			.filter({ hasText: new RegExp(`^\\s*${escapeRegExp(name)}\\s*$`) })
			.first();
		await item.click();
	}

	// ---- canvas ----

	async canvasNodes() {
		return await this.page.getByTestId('canvas-node').evaluateAll((nodes) =>
			nodes.map((node) => ({
				name: node.getAttribute('data-node-name'),
				type: node.getAttribute('data-node-type'),
			})),
		);
	}

	/** The first canvas node of a type, or the node named `name` when given. */
	canvasNode(type, name) {
		const byName = name ? `[data-node-name="${name.replace(/"/g, '\\"')}"]` : '';
		return this.page
			.locator(`[data-test-id="canvas-node"][data-node-type="${type}"]${byName}`)
			.first();
	}

	/** The node's issue list from its warning icon's tooltip on the canvas ([] without issues). */
	async nodeIssues(type, name) {
		const { page } = this;
		const icon = this.canvasNode(type, name).getByTestId('node-issues');
		if ((await icon.count()) === 0) return [];
		await page.mouse.move(0, 0);
		await icon.hover();
		// Titled "Issues:" up to n8n 2.40, "Issues" from 2.41.
		const list = page.locator('.titled-list:visible').filter({ hasText: /Issues:?/ }).first();
		await list.waitFor({ timeout: 5000 });
		const issues = (await list.locator('.titled-list-item').allInnerTexts()).map((text) =>
			text.trim(),
		);
		await page.mouse.move(0, 0);
		return issues;
	}

	// ---- node details view (parameter panel) ----

	get ndv() {
		return this.page.getByTestId('ndv');
	}

	get parameters() {
		return this.page.getByTestId('node-parameters');
	}

	async openNode(type, name) {
		await this.canvasNode(type, name).dblclick();
		await this.parameters.waitFor();
	}

	async closeNode() {
		if (!(await this.ndv.isVisible())) return;
		await this.page.getByTestId('ndv-close-button').click();
		await this.ndv.waitFor({ state: 'hidden' });
	}

	/** Picks `label` in the options parameter `name` (the option's headline, not its description). */
	async selectOption(name, label) {
		const { page } = this;
		await page.getByTestId(`parameter-input-${name}`).click();
		const items = page.locator('[data-test-id="parameter-input-item"]:visible');
		await items.first().waitFor();
		const index = await items.evaluateAll(
			(elements, wanted) =>
				elements.findIndex(
					(element) =>
						(
							element.querySelector('.option-headline')?.textContent ?? element.textContent
						).trim() === wanted,
				),
			label,
		);
		if (index === -1) {
			const offered = await items.allInnerTexts();
			await page.keyboard.press('Escape');
			throw new Error(
				`"${label}" is not offered in ${name} (offered: ${offered.map((text) => text.split('\n')[0]).join(', ')})`,
			);
		}
		await items.nth(index).click();
		await items
			.first()
			.waitFor({ state: 'hidden' })
			.catch(() => {});
	}

	/**
	 * The credential the open node uses, as its select shows it. Until n8n has loaded the list of
	 * credentials the select holds the credential's ID, so a name other than `expected` is read
	 * again for a few seconds.
	 */
	async selectedCredential(expected) {
		const input = this.page.getByTestId('node-credentials-select').locator('input').first();
		return await pollUntil(
			async () => await input.inputValue(),
			(value) => value === expected,
			{ timeoutMs: 5000 },
		);
	}

	async selectedOption(name) {
		return await this.page
			.getByTestId(`parameter-input-${name}`)
			.locator('input')
			.first()
			.inputValue();
	}

	/** The visible text of the Parameters tab, whitespace-normalised. */
	async parametersText() {
		return (await this.parameters.innerText()).replace(/\s+/g, ' ');
	}

	/**
	 * Warnings n8n draws in the parameter panel: issue markers (except on the parameters listed in
	 * `allowedLabels`, required fields not filled in yet) and option-loading or rendering errors.
	 * Returns { problems, allowed } (allowed: the labels of the markers that were expected).
	 */
	async panelProblems(allowedLabels = []) {
		const problems = [];
		const allowed = [];
		const issues = this.parameters.locator('[data-test-id="parameter-issues"]:visible');
		for (let i = 0; i < (await issues.count()); i += 1) {
			const label = await issues.nth(i).evaluate((element) => {
				const item = element.closest('[data-test-id="parameter-item"]');
				const text = item?.querySelector('[data-test-id="input-label"]')?.innerText ?? '';
				return text
					.split('\n')[0]
					.replace(/\s*\*$/, '')
					.trim();
			});
			if (allowedLabels.includes(label)) {
				allowed.push(label);
				continue;
			}
			// What the marker says is in its tooltip.
			await issues.nth(i).hover();
			const tooltip = this.page.locator('.titled-list:visible').first();
			const said =
				(await tooltip.waitFor({ timeout: 3000 }).then(
					async () => (await tooltip.innerText()).replace(/\s+/g, ' ').trim(),
					() => '',
				)) || '(no tooltip)';
			await this.page.mouse.move(0, 0);
			problems.push(`issue marker on parameter "${label}": ${said}`);
		}
		for (const testId of ['rlc-error-container', 'node-error-callout', 'wf-error-fallback']) {
			const found = this.page.locator(`[data-test-id="${testId}"]:visible`);
			if (await found.count()) {
				problems.push(
					`${testId}: ${(await found.first().innerText()).replace(/\s+/g, ' ').slice(0, 200)}`,
				);
			}
		}
		return { problems, allowed };
	}

	/** Adds the collection option `optionLabel` to the collection labelled `collectionLabel`. */
	async addCollectionOption(collectionLabel, optionLabel) {
		const { page } = this;
		const buttons = this.parameters.locator('[data-test-id="collection-parameter-add"]:visible');
		const index = await buttons.evaluateAll(
			(elements, wanted) =>
				elements.findIndex((element) => {
					const item = element.closest('[data-test-id="parameter-item"]');
					const label = item?.querySelector('[data-test-id="input-label"]')?.textContent ?? '';
					return label.trim().split('\n')[0].trim() === wanted;
				}),
			collectionLabel,
		);
		if (index === -1) throw new Error(`no "Add" button for the collection "${collectionLabel}"`);
		await buttons.nth(index).click();
		const option = page
			.locator('[data-test-id="collection-parameter-option"]:visible')
			.filter({ hasText: new RegExp(`^\\s*${escapeRegExp(optionLabel)}\\s*$`) })
			.first();
		await option.click();
	}

	/**
	 * Resolves once n8n's answer to the list method of the resource locator `name` for the search
	 * text `filter` ('' for the unfiltered list) has arrived; null when none comes in time (n8n
	 * sends nothing for a list it already holds).
	 */
	listAnswer(name, filter) {
		return this.page
			.waitForResponse(
				(response) => {
					if (!response.url().includes('/rest/dynamic-node-parameters/resource-locator-results'))
						return false;
					let body;
					try {
						body = response.request().postDataJSON();
					} catch {
						return false;
					}
					return (
						String(body?.path ?? '')
							.split('.')
							.pop() === name && (body?.filter ?? '') === filter
					);
				},
				{ timeout: 15_000 },
			)
			.catch(() => null);
	}

	/** The entries of the open list once it has stopped loading (n8n draws placeholder rows meanwhile). */
	async listEntries() {
		const items = this.page.locator('[data-test-id="rlc-item"]:visible');
		const loading = this.page.locator('[class*="_loadingItem_"]:visible');
		await pollUntil(
			async () => await loading.count(),
			(count) => count === 0,
			{ timeoutMs: 10_000 },
		);
		return (await items.allInnerTexts()).map((text) => text.trim());
	}

	/**
	 * Opens the "From list" dropdown of the resource locator `name`, then searches it.
	 * Returns { initial: [names], term, found: [names], picked, shownAfterPick }.
	 *
	 * Each step waits for n8n's answer to that request before reading the list: while a search is
	 * loading, n8n shows the selected entry on its own, and picking it then stores the value without
	 * its name (the field shows the raw value), which is n8n's behaviour, not the node's.
	 */
	async searchResourceLocator(name) {
		const { page } = this;
		const locator = this.parameters.getByTestId(`resource-locator-${name}`).first();
		await locator.waitFor();
		const modeInput = locator.getByTestId('rlc-mode-selector').locator('input').first();
		if ((await modeInput.count()) && !/list/i.test(await modeInput.inputValue())) {
			await locator.getByTestId('rlc-mode-selector').click();
			await page.getByTestId('mode-list').click();
		}
		const items = page.locator('[data-test-id="rlc-item"]:visible');
		const errors = page.locator('[data-test-id="rlc-error-container"]:visible');
		const firstPage = this.listAnswer(name, '');
		await locator.getByTestId('rlc-input').click();
		await firstPage;
		const initial = await this.listEntries();
		if (await errors.count())
			throw new Error(`the list shows an error: ${await errors.first().innerText()}`);
		if (initial.length === 0) return { initial, found: [] };
		// Search for the first word of the first entry: the list must narrow to entries containing it.
		const term = initial[0].split(/\s+/)[0].slice(0, 12);
		// The search field has the focus once the list is open; type as a user does.
		await page.locator('[data-test-id="rlc-search"]:visible').first().click();
		await page.keyboard.press('ControlOrMeta+A');
		const searched = this.listAnswer(name, term);
		await page.keyboard.type(term, { delay: 30 });
		await searched;
		const found = await pollUntil(
			async () => await this.listEntries(),
			(names) =>
				names.length > 0 &&
				names.every((entry) => entry.toLowerCase().includes(term.toLowerCase())),
			{ timeoutMs: 5_000 },
		);
		let picked;
		let shownAfterPick;
		if (found.length) {
			picked = found[0];
			await items.first().click();
			await sleep(300);
			const field = locator.getByTestId('rlc-input').first();
			const isInput = await field.evaluate((element) => element.tagName === 'INPUT');
			shownAfterPick = await (isInput ? field : field.locator('input').first()).inputValue();
		}
		if (
			await items
				.first()
				.isVisible()
				.catch(() => false)
		)
			await page.keyboard.press('Escape');
		return { initial, term, found, picked, shownAfterPick };
	}

	// ---- credentials ----

	get credentialModal() {
		return this.page.getByTestId('editCredential-modal');
	}

	/**
	 * In an open credential modal: waits for n8n's own test (it runs when the modal opens), clicks
	 * Retry, and waits for the answer of that second test. Returns the banner text.
	 */
	async retestCredential() {
		const { page } = this;
		const modal = this.credentialModal;
		await modal.getByTestId('credential-edit-dialog').waitFor();
		const success = modal.getByTestId('credentials-config-container-test-success');
		const banner = async () => {
			const texts = await modal
				.locator('[data-test-id^="credentials-config-container-test"]')
				.allInnerTexts();
			return texts.join(' ').replace(/\s+/g, ' ').trim();
		};
		// The test n8n runs on opening shows "Retrying" until it is answered.
		const first = await pollUntil(banner, (text) => text.length > 0 && !/Retrying/.test(text), {
			timeoutMs: 20_000,
		});
		const retry = modal.getByRole('button', { name: /^\s*(Retry|Test)\s*$/ }).first();
		if (!(await retry.count())) throw new Error(`no Retry or Test button (banner: "${first}")`);
		const answer = page.waitForResponse(
			(response) =>
				response.url().includes('/rest/credentials/test') && response.request().method() === 'POST',
			{ timeout: 30_000 },
		);
		await retry.click();
		const response = await answer;
		const body = await response.json().catch(() => ({}));
		const afterRetry = await pollUntil(
			banner,
			(text) => text.length > 0 && !/Retrying/.test(text),
			{
				timeoutMs: 15_000,
			},
		);
		return {
			first,
			afterRetry,
			status: body?.data?.status,
			message: body?.data?.message,
			success: await success.isVisible(),
		};
	}

	async closeCredentialModal() {
		const modal = this.credentialModal;
		if (!(await modal.isVisible())) return;
		await modal.getByRole('button', { name: 'Close this dialog' }).click();
		await modal.waitFor({ state: 'hidden' });
	}

	/**
	 * What the open credential form shows of a notice: whether `text` is shown, which of `links` are
	 * links in the form, and whether the notice is above the field labelled `fieldLabel`.
	 */
	async credentialNotice(text, links, fieldLabel) {
		const modal = this.credentialModal;
		// The form renders after the modal opens: wait for its first field (its label, "*" when required).
		const field = fieldLabel
			? modal.getByText(new RegExp(`^\\s*${escapeRegExp(fieldLabel)}\\s*\\*?\\s*$`)).first()
			: undefined;
		if (field) await field.waitFor({ timeout: 10_000 }).catch(() => {});
		const shown = await pollUntil(
			async () => (await modal.innerText()).replace(/\s+/g, ' '),
			(current) => current.includes(text),
			{ timeoutMs: 5000 },
		);
		const linked = [];
		for (const href of links) {
			if (await modal.locator(`a[href="${href}"]`).count()) linked.push(href);
		}
		let above;
		if (linked.length && field && (await field.count())) {
			const noticeBox = await modal.locator(`a[href="${linked[0]}"]`).first().boundingBox();
			const fieldBox = await field.boundingBox();
			above = Boolean(noticeBox && fieldBox && noticeBox.y < fieldBox.y);
		}
		return { shown: shown.includes(text), linked, above };
	}

	async openCredentialFromList(name) {
		const { page } = this;
		await page.goto(`${this.baseUrl}/home/credentials`);
		await page.getByTestId('resources-list-item').first().waitFor();
		await page.getByTestId('resources-list-item').filter({ hasText: name }).first().click();
		await this.credentialModal.waitFor();
	}
}

export function escapeRegExp(text) {
	return String(text).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
