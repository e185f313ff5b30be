import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { isJsonObject } from '../shared/request';
import { switchValue } from '../shared/validation';
import { readCallback, CALLBACK_MAX_BYTES } from './callback';
import { isNotFound, settle } from '../shared/errors';
import { creatifyApiRequest, creatifyApiTest } from './transport';
import type { CreatifyVideo } from './jobs';
import { videoJson, videoState } from './jobs';

type StatusFilter = 'done' | 'failed' | 'any';

/**
 * Creatify Trigger: starts a workflow when Creatify posts a job's status to the `webhook_url` of a create (Video →
 * Create, Create Preview(s), Render, Render Single Preview with this node's URL as Webhook URL).
 *
 * Creatify signs nothing (its callback is a plain POST of `{id, status, failed_reason, video_output,
 * video_thumbnail}`), so anyone who learns the URL could post to it. By default each callback is therefore only a
 * hint: the trigger reads that job from Creatify with the credential and emits Creatify's own answer, never the
 * posted body. A body that is not the documented shape, too large, or names a job this account does not have is
 * answered with an error and starts nothing.
 */
export class CreatifyTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Creatify Trigger',
		name: 'creatifyTrigger',
		icon: { light: 'file:../../icons/creatify.svg', dark: 'file:../../icons/creatify.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ {"done": "Video done", "failed": "Video failed", "any": "Any status"}[$parameter["statusFilter"]] }}',
		// n8n lists Creatify and Creatify Trigger as one entry in the node panel and shows this description for it
		// (the node creator takes the trigger's), so it says first what the Creatify node does.
		description: 'Turn product links into video ads with Creatify; trigger: video done or failed',
		defaults: { name: 'Creatify Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'creatifyApi', required: true, testedBy: 'creatifyApiTest' }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				// Without it n8n answers "on received" webhooks with its default response data, the literal text
				// "firstEntryJson"; empty, it sends the webhookResponse this node returns ({received, started}).
				responseData: '',
				path: 'creatify',
			},
		],
		properties: [
			{
				displayName:
					"Copy this node's Production URL (above) into the Webhook URL field (under Additional Fields) of a Creatify node — Video → Create, Render or Render Single Preview — and turn off its Wait for Completion. Publish this workflow so the URL is live. Creatify accepts URLs of up to 200 characters.",
				name: 'usageNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Status',
				name: 'statusFilter',
				type: 'options',
				options: [
					{ name: 'Any Status', value: 'any', description: 'Start for every callback' },
					{ name: 'Done', value: 'done', description: 'Start only for finished videos' },
					{ name: 'Failed', value: 'failed', description: 'Start only for failed videos' },
				],
				default: 'any',
				description:
					'Which callbacks start the workflow, by the status Creatify reports when the callback is checked',
			},
			{
				displayName: 'Simplify',
				name: 'simplify',
				type: 'boolean',
				default: true,
				description:
					'Whether to return only the main fields (ID, status, video and thumbnail URLs, editor URL, credits used…) instead of everything Creatify answers',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Check Each Callback With Creatify',
						name: 'verify',
						type: 'boolean',
						default: true,
						description:
							"Whether to read the job from Creatify before starting and emit Creatify's answer. Creatify does not sign its callbacks: turned off, anyone who knows this URL can start the workflow with made-up data.",
					},
				],
			},
		],
	};

	// n8n tests a credential with the first node it finds that uses it: this one may be it.
	methods = { credentialTest: { creatifyApiTest } };

	/**
	 * Creatify has no API to register webhooks: the URL travels with each create (its `webhook_url`). So there is
	 * nothing to look up, register or remove when the workflow is published or unpublished; the methods exist
	 * because n8n calls them for every webhook trigger.
	 */
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const refuse = (status: number, error: string): IWebhookResponseData => {
			this.logger.warn(`Creatify Trigger refused a callback: ${error}`);
			this.getResponseObject().status(status).json({ error });
			return { noWebhookResponse: true };
		};
		try {
			return await handleCallback.call(this, refuse);
		} catch {
			// n8n starts an execution (with the error) when a trigger's webhook throws: answer instead.
			return refuse(500, 'The callback could not be handled');
		}
	}
}

/** Checks one callback and decides whether it starts the workflow (see the class comment). */
async function handleCallback(
	this: IWebhookFunctions,
	refuse: (status: number, error: string) => IWebhookResponseData,
): Promise<IWebhookResponseData> {
	const request = this.getRequestObject();
	const callback = readCallback(
		request.body,
		request.headers,
		(request as { rawBody?: { length: number } }).rawBody,
	);
	if ('tooLarge' in callback)
		return refuse(413, `The body is larger than ${CALLBACK_MAX_BYTES} bytes`);
	if ('invalid' in callback) return refuse(400, callback.invalid);

	const options = this.getNodeParameter('options', {}) as { verify?: boolean };
	let video: CreatifyVideo;
	if (options.verify === false) {
		video = callback.payload;
	} else {
		const read = await settle(
			creatifyApiRequest.call(this, 'GET', `/link_to_videos/${callback.payload.id}/`),
		);
		if (!read.ok) {
			if (isNotFound(read.error))
				return refuse(404, `This Creatify account has no video with ID ${callback.payload.id}`);
			// Creatify could not be asked: start nothing, and tell the sender to try again.
			return refuse(503, 'The callback could not be checked with Creatify; try again later');
		}
		if (!isJsonObject(read.value) || String(read.value.id) !== callback.payload.id)
			return refuse(502, 'Creatify answered with another video than the one named');
		video = read.value as CreatifyVideo;
	}

	const filter = this.getNodeParameter('statusFilter', 'any') as StatusFilter;
	const state = videoState(video);
	const wanted =
		filter === 'any' ||
		(filter === 'done' && state === 'succeeded') ||
		(filter === 'failed' && state === 'failed');
	if (!wanted) {
		return { webhookResponse: { received: true, started: false, status: video.status ?? null } };
	}

	// Read when a callback arrives: a value that is not a switch gives the default rather than a refused callback.
	const simplify = switchValue(this.getNodeParameter('simplify', true), true);
	const json: IDataObject = videoJson(video, simplify);
	if (Array.isArray(video.previews) && video.previews.length) json.previews = video.previews;
	return {
		workflowData: [this.helpers.returnJsonArray([json])],
		webhookResponse: { received: true, started: true },
	};
}
