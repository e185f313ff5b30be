'use strict';
/**
 * Serves a webhook trigger node of this package on a loopback HTTP port, the way n8n's webhook server calls it:
 * every POST becomes n8n-core's real WebhookContext (real credentials helper, real authenticated requests) and the
 * node's `webhook()`; the answer is the node's own (status, body) or what n8n sends for its response mode and
 * response data (see below). What
 * would have started an execution is recorded, so tests can tell a started workflow from a refused callback.
 *
 * CommonJS on purpose: it needs node:http, which strict lint forbids in .ts files.
 */
const http = require('node:http');
const { WebhookContext } = require('n8n-core');

const { internals } = require('./n8nContext');

const {
	buildNode,
	buildWorkflow,
	buildAdditionalData,
	CredentialsHelper,
	ExecutionLifecycleHooks,
} = internals;

/** The parts of Express's response a trigger uses. */
function responseShim(res) {
	return {
		get headersSent() {
			return res.headersSent;
		},
		status(code) {
			res.statusCode = code;
			return this;
		},
		setHeader(name, value) {
			res.setHeader(name, value);
			return this;
		},
		json(body) {
			res.setHeader('content-type', 'application/json');
			res.end(JSON.stringify(body));
			return this;
		},
		send(body) {
			res.end(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body));
			return this;
		},
		end(body) {
			res.end(body);
			return this;
		},
	};
}

/**
 * @returns {Promise<{url: string, started: object[][], answers: object[], close(): Promise<void>}>}
 *   `url`: where to POST; `started`: the workflowData of every callback that started the workflow;
 *   `answers`: every answer sent ({status, body}).
 */
async function serveWebhook({ nodeType, credentialTypes = [], credentials = {}, parameters = {} }) {
	const node = buildNode(nodeType, parameters, credentials);
	const workflow = buildWorkflow(nodeType, node);
	const description = nodeType.description.webhooks[0];
	const started = [];
	const answers = [];

	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', async () => {
			const rawBody = Buffer.concat(chunks);
			let body = {};
			if (rawBody.length) {
				try {
					body = JSON.parse(rawBody.toString('utf8'));
				} catch {
					body = rawBody.toString('utf8');
				}
			}
			const request = {
				method: req.method,
				headers: req.headers,
				body,
				rawBody,
				params: {},
				query: {},
			};
			const originalEnd = res.end.bind(res);
			res.end = (chunk) => {
				answers.push({
					status: res.statusCode,
					body: chunk ? JSON.parse(String(chunk)) : undefined,
				});
				return originalEnd(chunk);
			};
			const additionalData = buildAdditionalData(
				new ExecutionLifecycleHooks('webhook', 'webhook-test', {
					id: 'x',
					nodes: [node],
					connections: {},
				}),
				new CredentialsHelper(credentialTypes, credentials),
			);
			additionalData.httpRequest = request;
			additionalData.httpResponse = responseShim(res);
			const context = new WebhookContext(
				workflow,
				node,
				additionalData,
				'webhook',
				{
					httpMethod: description.httpMethod,
					node: node.name,
					path: description.path,
					webhookDescription: description,
					workflowId: workflow.id,
					workflowExecuteAdditionalData: additionalData,
				},
				[],
			);
			let result;
			try {
				result = await nodeType.webhook.call(context);
			} catch (error) {
				// n8n answers 500 and starts an execution holding the error.
				started.push([[{ json: {}, error: String(error) }]]);
				res.statusCode = 500;
				res.end(JSON.stringify({ message: String(error) }));
				return;
			}
			if (result.workflowData) started.push(result.workflowData);
			if (result.noWebhookResponse) return;
			res.statusCode = 200;
			// n8n 2.40 (webhook-helpers, "on received" mode) answers a call that starts a workflow with the webhook
			// description's responseData, default "firstEntryJson", sent as text when it is set (the literal word);
			// "noData" sends no body; only an empty value lets the node's webhookResponse through.
			if (result.workflowData && description.responseMode === 'onReceived') {
				const responseData =
					description.responseData === undefined ? 'firstEntryJson' : description.responseData;
				if (responseData === 'noData') {
					res.end();
					return;
				}
				if (responseData) {
					res.setHeader('content-type', 'text/html; charset=utf-8');
					res.end(String(responseData));
					return;
				}
			}
			res.setHeader('content-type', 'application/json');
			res.end(
				JSON.stringify(
					result.webhookResponse ??
						(result.workflowData
							? { message: 'Workflow was started' }
							: { message: 'Webhook call received' }),
				),
			);
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${server.address().port}/webhook/${description.path}`,
		started,
		answers,
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
}

module.exports = { serveWebhook };
