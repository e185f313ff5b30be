'use strict';
/**
 * Runs this package's nodes and credentials inside n8n-core's real execution engine, for integration tests and the
 * benchmark: real WorkflowExecute, real ExecuteContext / LoadOptionsContext helpers (httpRequestWithAuthentication,
 * prepareBinaryData on the filesystem binary-data store), real expression evaluation of credential fields.
 * Only the parts n8n's server provides around the engine are stood in for: the credential store (plain objects),
 * node/credential type registries and lifecycle hooks.
 *
 * CommonJS on purpose: it needs node:fs/os for the binary-data folder, which strict lint forbids in .ts files.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
// The dependency-injection container n8n-core itself uses (it may have its own copy of @n8n/di).
const { Container } = require(require.resolve('@n8n/di', { paths: [require.resolve('n8n-core')] }));
const { Workflow, ICredentialsHelper } = require('n8n-workflow');
const {
	BinaryDataService,
	CredentialTestContext,
	WorkflowExecute,
	LoadOptionsContext,
} = require('n8n-core');
const {
	ExecutionLifecycleHooks,
} = require('n8n-core/dist/execution-engine/execution-lifecycle-hooks');

let binaryDataDir;

/** n8n 2.x keeps binary data on disk; give the engine a throwaway folder once per process. */
async function ensureBinaryDataService() {
	if (binaryDataDir) return;
	binaryDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shortform-video-binary-'));
	const config = {
		mode: 'filesystem',
		availableModes: ['filesystem'],
		localStoragePath: binaryDataDir,
		signingSecret: 'test-signing-secret',
		dbMaxFileSize: 512,
	};
	const errorReporter = { error: () => {}, warn: () => {}, info: () => {} };
	const logger = {
		debug() {},
		info() {},
		warn() {},
		error() {},
		scoped() {
			return this;
		},
	};
	const service = new BinaryDataService(config, errorReporter, logger);
	await service.init();
	Container.set(BinaryDataService, service);
	process.on('exit', () => fs.rmSync(binaryDataDir, { recursive: true, force: true }));
}

class NodeTypes {
	constructor(nodeTypes) {
		this.types = new Map(nodeTypes.map((type) => [type.description.name, type]));
	}
	getByName(name) {
		return this.types.get(name.replace(/^.*\./, ''));
	}
	getByNameAndVersion(name) {
		return this.getByName(name);
	}
	getKnownTypes() {
		return {};
	}
}

/** The credential store and authenticator n8n's server would provide: applies each type's `authenticate`. */
class CredentialsHelper extends ICredentialsHelper {
	constructor(credentialTypes, credentialsByType) {
		super();
		this.credentialTypes = new Map(credentialTypes.map((type) => [type.name, type]));
		this.credentialsByType = credentialsByType;
	}
	getParentTypes() {
		return [];
	}
	getCredentialsProperties(type) {
		return this.credentialTypes.get(type)?.properties ?? [];
	}
	async authenticate(credentials, typeName, requestOptions, workflow, node) {
		const type = this.credentialTypes.get(typeName);
		const auth = type?.authenticate;
		if (!auth) return requestOptions;
		if (typeof auth === 'function') return await auth(credentials, requestOptions);
		const resolve = (value) =>
			resolveExpression(workflow, node, value, { $credentials: credentials });
		for (const section of ['headers', 'qs', 'body']) {
			const values = auth.properties[section];
			if (!values) continue;
			requestOptions[section] = requestOptions[section] ?? {};
			for (const [key, value] of Object.entries(values)) {
				requestOptions[section][key] = resolve(value);
			}
		}
		return requestOptions;
	}
	async preAuthentication() {
		return undefined;
	}
	async runPreAuthentication() {
		return undefined;
	}
	async getDecrypted(_additionalData, _nodeCredentials, type) {
		const data = this.credentialsByType[type];
		if (!data) throw new Error(`No test credentials of type ${type}`);
		// Fill defaults the way n8n does when a credential is saved.
		const defaults = {};
		for (const property of this.getCredentialsProperties(type))
			defaults[property.name] = property.default;
		return { ...defaults, ...data };
	}
	async getCredentials() {
		throw new Error('not used');
	}
	async updateCredentials() {}
	async updateCredentialsOauthTokenData() {}
	getOAuth2Options() {
		return undefined;
	}
	isCredentialUsableByNode() {
		return true;
	}
}

function resolveExpression(workflow, node, value, additionalKeys) {
	if (typeof value !== 'string' || !value.startsWith('=')) return value;
	return workflow.expression.getParameterValue(
		value,
		null,
		0,
		0,
		node.name,
		[],
		'internal',
		additionalKeys,
	);
}

function buildNode(nodeType, parameters, credentialsByType, credentialId) {
	const credentials = {};
	for (const { name } of nodeType.description.credentials ?? []) {
		if (credentialsByType[name]) {
			credentials[name] = { id: credentialId ?? `test-${name}`, name: `Test ${name}` };
		}
	}
	return {
		id: 'node-under-test',
		name: nodeType.description.defaults.name ?? nodeType.description.displayName,
		type: `n8n-nodes-shortform-video.${nodeType.description.name}`,
		typeVersion: Array.isArray(nodeType.description.version)
			? Math.max(...nodeType.description.version)
			: nodeType.description.version,
		position: [0, 0],
		parameters,
		credentials,
	};
}

function buildWorkflow(nodeType, node) {
	return new Workflow({
		id: 'integration-test',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new NodeTypes([nodeType]),
	});
}

function buildAdditionalData(hooks, credentialsHelper, uiMessages = []) {
	return {
		hooks,
		credentialsHelper,
		executionId: 'integration-test',
		restApiUrl: 'http://localhost/rest',
		instanceBaseUrl: 'http://localhost/',
		formWaitingBaseUrl: 'http://localhost/form-waiting',
		webhookBaseUrl: 'http://localhost/webhook',
		webhookWaitingBaseUrl: 'http://localhost/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost/webhook-test',
		currentNodeParameters: undefined,
		executionTimeoutTimestamp: undefined,
		userId: 'test-user',
		variables: {},
		logAiEvent: () => {},
		setExecutionStatus: () => {},
		// What a manual run shows in the editor's console (sendMessageToUI).
		sendDataToUI: (type, data) => {
			if (type === 'sendConsoleMessage') uiMessages.push(...(data?.messages ?? [data]));
		},
	};
}

/**
 * Executes one node of this package on `items` with real n8n-core machinery.
 * @returns {{ items: object[], error?: Error, run: object, hints: string[], uiMessages: string[] }} the node's
 *   output items or its error, its execution hints and its messages to the editor.
 */
async function runNode({
	nodeType,
	credentialTypes = [],
	credentials = {},
	parameters,
	items = [{}],
	continueOnFail = false,
	abortSignal,
	credentialId,
}) {
	await ensureBinaryDataService();
	const node = buildNode(nodeType, parameters, credentials, credentialId);
	if (continueOnFail) node.onError = 'continueRegularOutput';
	const workflow = buildWorkflow(nodeType, node);

	const hooks = new ExecutionLifecycleHooks('manual', 'integration-test', {
		id: 'integration-test',
		nodes: [node],
		connections: {},
	});
	let resolveFinished;
	const finished = new Promise((resolve) => (resolveFinished = resolve));
	hooks.addHandler('workflowExecuteAfter', (run) => resolveFinished(run));

	const uiMessages = [];
	const additionalData = buildAdditionalData(
		hooks,
		new CredentialsHelper(credentialTypes, credentials),
		uiMessages,
	);
	const inputItems = items.map((item) => (item && item.json ? item : { json: item }));
	const runExecutionData = {
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			nodeExecutionStack: [{ node, data: { main: [inputItems] }, source: null }],
			waitingExecution: {},
			waitingExecutionSource: {},
		},
	};

	const workflowExecute = new WorkflowExecute(additionalData, 'manual', runExecutionData);
	let execution;
	try {
		// Like n8n, refuses to start when a required parameter is empty (WorkflowHasIssuesError).
		execution = workflowExecute.processRunExecutionData(workflow);
	} catch (error) {
		return { items: [], error, run: undefined };
	}
	if (abortSignal) abortSignal.addEventListener('abort', () => execution.cancel());
	await execution;
	const run = await finished;

	const taskData = run.data.resultData.runData[node.name]?.[0];
	const error = taskData?.error ?? run.data.resultData.error;
	return {
		items: taskData?.data?.main?.[0] ?? [],
		error,
		run,
		// The execution hints the node added (shown on the node after the run), and its messages to the editor.
		hints: (taskData?.hints ?? []).map((hint) => hint.message),
		uiMessages: uiMessages.map(String),
	};
}

function loadOptionsContext({ nodeType, credentialTypes = [], credentials = {}, parameters = {} }) {
	const node = buildNode(nodeType, parameters, credentials);
	const workflow = buildWorkflow(nodeType, node);
	const additionalData = buildAdditionalData(
		new ExecutionLifecycleHooks('manual', 'integration-test', {
			id: 'x',
			nodes: [node],
			connections: {},
		}),
		new CredentialsHelper(credentialTypes, credentials),
	);
	additionalData.currentNodeParameters = parameters;
	return new LoadOptionsContext(workflow, node, additionalData, '');
}

/** Calls a node's listSearch method as the editor does for a searchable dropdown. */
async function listSearch(options, methodName, filter, paginationToken) {
	const context = loadOptionsContext(options);
	return await options.nodeType.methods.listSearch[methodName].call(
		context,
		filter,
		paginationToken,
	);
}

/** Calls a node's loadOptions method as the editor does for a dropdown. */
async function loadOptions(options, methodName) {
	const context = loadOptionsContext(options);
	return await options.nodeType.methods.loadOptions[methodName].call(context);
}

/**
 * The credential's Test button, chosen the way n8n's credential tester (CredentialsTester.getCredentialTestFunction)
 * chooses it: the credential type's own `test` request when it has one, else the function the node names in
 * `testedBy` (its `methods.credentialTest`), run with n8n-core's real CredentialTestContext, whose `helpers.request`
 * goes through n8n's outbound HTTP stack.
 */
async function testCredential({ credentialType, data, nodeType }) {
	if (credentialType.test) return await testCredentialRequest({ credentialType, data, nodeType });
	const testedBy = nodeType.description.credentials?.find(
		(credential) => credential.name === credentialType.name,
	)?.testedBy;
	const testFunction =
		typeof testedBy === 'string' ? nodeType.methods?.credentialTest?.[testedBy] : undefined;
	if (!testFunction)
		return { status: 'Error', message: 'No testing function found for this credential.' };
	const context = new CredentialTestContext({});
	return await testFunction.call(context, {
		id: 'test',
		name: credentialType.displayName,
		type: credentialType.name,
		data: { ...credentialDefaults(credentialType), ...data },
	});
}

/** The default of every credential field, as n8n fills them in before a test (applyDefaultsAndOverwrites). */
function credentialDefaults(credentialType) {
	return Object.fromEntries(
		credentialType.properties
			.filter((property) => property.type !== 'notice')
			.map((property) => [property.name, property.default]),
	);
}

/**
 * Runs a credential's `test` request the way n8n's credential tester does: the request with the credential's
 * authentication applied; an HTTP error fails with its message; then each `responseSuccessBody` rule fails the test
 * when `body[key] === value`.
 */
async function testCredentialRequest({ credentialType, data, nodeType }) {
	const credentials = { [credentialType.name]: data };
	const context = loadOptionsContext({
		nodeType,
		credentialTypes: [credentialType],
		credentials,
	});
	const helper = new CredentialsHelper([credentialType], credentials);
	const decrypted = await helper.getDecrypted(undefined, undefined, credentialType.name);
	const workflow = context.workflow;
	const node = context.getNode();
	const resolve = (value) => resolveExpression(workflow, node, value, { $credentials: decrypted });
	const { request, rules = [] } = credentialType.test;
	const url = `${resolve(request.baseURL ?? '')}${resolve(request.url ?? '')}`;
	let body;
	try {
		body = await context.helpers.httpRequestWithAuthentication.call(context, credentialType.name, {
			method: request.method ?? 'GET',
			url,
			qs: request.qs,
			json: true,
		});
	} catch (error) {
		const statusCode = Number(error.httpCode ?? error.cause?.response?.status);
		const codeRule = rules.find(
			(rule) => rule.type === 'responseCode' && rule.properties.value === statusCode,
		);
		return { status: 'Error', message: codeRule ? codeRule.properties.message : error.message };
	}
	for (const rule of rules) {
		if (rule.type !== 'responseSuccessBody') continue;
		const value = rule.properties.key.split('.').reduce((object, key) => object?.[key], body);
		if (value === rule.properties.value)
			return { status: 'Error', message: rule.properties.message };
	}
	return { status: 'OK', message: 'Connection successful!' };
}

/** Reads a binary property written by prepareBinaryData (size only for big files). */
async function binarySize(binaryData) {
	const service = Container.get(BinaryDataService);
	const stream = await service.getAsStream(binaryData.id);
	let size = 0;
	for await (const chunk of stream) size += chunk.length;
	return size;
}

async function binaryBuffer(binaryData) {
	return await Container.get(BinaryDataService).getAsBuffer(binaryData);
}

module.exports = {
	runNode,
	listSearch,
	loadOptions,
	testCredential,
	binarySize,
	binaryBuffer,
	// The stand-ins around the engine, for other harnesses (webhook triggers: n8nWebhook.js).
	internals: { buildNode, buildWorkflow, buildAdditionalData, CredentialsHelper, ExecutionLifecycleHooks },
};
