/**
 * How the Creatify node turns fields into requests: every field under Creatify's name, nothing the user left
 * alone, no value equal to Creatify's documented default, and every documented limit checked before sending.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { describeEstimate, renderEstimate } from '../../nodes/Creatify/credits';
import { Creatify } from '../../nodes/Creatify/Creatify.node';
import {
	chargedSettings,
	linkRequestBody,
	parseUrlList,
	rawLinkFields,
	validateVideoFields,
	videoRequestFields,
} from '../../nodes/Creatify/fields';
import {
	expandPreviews,
	linkIdOf,
	linkJson,
	previewsState,
	previewState,
	videoJson,
	videoState,
} from '../../nodes/Creatify/jobs';
import type { CreatifyVideo } from '../../nodes/Creatify/jobs';
import type { VideoFields } from '../../nodes/Creatify/fields';
import { fakeNode } from '../helpers/fakeNode';

const node = fakeNode({ id: '1', name: 'Creatify', type: 'n8n-nodes-shortform-video.creatify' });
const context = { getNode: () => node } as unknown as IExecuteFunctions;
const properties = new Creatify().description.properties;

const DEFAULTS = {
	videoLength: '15',
	language: 'en',
	scriptStyle: 'DiscoveryWriter',
	modelVersion: 'standard',
} as const;

const validate = (fields: Record<string, unknown>) =>
	validateVideoFields.call(context, { ...DEFAULTS, ...fields }, properties, 0);

describe('video request fields', () => {
	it("sends nothing for fields left at Creatify's defaults", () => {
		expect(videoRequestFields(validate({}))).toEqual({});
		expect(
			videoRequestFields(
				validate({
					targetPlatform: 'tiktok',
					targetAudience: 'young adults',
					noBackgroundMusic: false,
					noCaption: false,
					noEmotion: false,
					noCta: false,
					noStockBroll: false,
					hidden: false,
				}),
			),
		).toEqual({});
	});

	it('sends every field under its Creatify name', () => {
		const fields: VideoFields = validate({
			videoLength: '60',
			language: 'ja',
			scriptStyle: 'NegativeHook',
			modelVersion: 'aurora_v1',
			visualStyle: 'MyOwnTemplate',
			name: 'Kettle',
			targetPlatform: 'youtube',
			targetAudience: 'students',
			overrideAvatar: '0b7d7e39-3f1c-4d7e-9a59-6d2f1a000001',
			overrideVoice: '5e3c1a2b-0000-4000-8000-00000000a001',
			overrideScript: 'Hello',
			backgroundMusicUrl: 'https://cdn.example.com/a b.mp3',
			backgroundMusicVolume: 0,
			voiceoverVolume: 1,
			noBackgroundMusic: true,
			noCaption: true,
			noEmotion: true,
			noCta: true,
			noStockBroll: true,
			webhookUrl: 'https://n8n.example.com/webhook/x',
			style: 'black-block',
			offsetX: -0.5,
			offsetY: 0.5,
			fontFamily: 'Inter',
			fontSize: 40,
			fontStyle: 'font-bold',
			backgroundColor: '#111111',
			textColor: '#222222',
			highlightTextColor: '#333333',
			maxWidth: 600,
			lineHeight: 1.5,
			textShadow: 'none',
			hidden: true,
		});
		expect(videoRequestFields(fields)).toEqual({
			video_length: 60,
			language: 'ja',
			script_style: 'NegativeHook',
			model_version: 'aurora_v1',
			visual_style: 'MyOwnTemplate',
			name: 'Kettle',
			target_platform: 'youtube',
			target_audience: 'students',
			override_avatar: '0b7d7e39-3f1c-4d7e-9a59-6d2f1a000001',
			override_voice: '5e3c1a2b-0000-4000-8000-00000000a001',
			override_script: 'Hello',
			// Encoded as a browser would send it.
			background_music_url: 'https://cdn.example.com/a%20b.mp3',
			background_music_volume: 0,
			voiceover_volume: 1,
			no_background_music: true,
			no_caption: true,
			no_emotion: true,
			no_cta: true,
			no_stock_broll: true,
			webhook_url: 'https://n8n.example.com/webhook/x',
			caption_setting: {
				style: 'black-block',
				offset: { x: -0.5, y: 0.5 },
				font_family: 'Inter',
				font_size: 40,
				font_style: 'font-bold',
				background_color: '#111111',
				text_color: '#222222',
				highlight_text_color: '#333333',
				max_width: 600,
				line_height: 1.5,
				text_shadow: 'none',
				hidden: true,
			},
		});
	});

	it('never sends the deprecated top-level caption fields', () => {
		const body = videoRequestFields(validate({ style: 'neo', offsetX: 0.1 }));
		expect(body).toEqual({ caption_setting: { style: 'neo', offset: { x: 0.1, y: 0 } } });
		for (const deprecated of ['caption_style', 'caption_offset_x', 'caption_offset_y'])
			expect(body).not.toHaveProperty(deprecated);
	});

	it('knows what a request will be charged for, with Creatify defaults where nothing was sent', () => {
		expect(chargedSettings({})).toEqual({ model: 'standard', videoLength: 15 });
		expect(chargedSettings({ model_version: 'aurora_v1_fast', video_length: 30 })).toEqual({
			model: 'aurora_v1_fast',
			videoLength: 30,
		});
	});
});

describe('video field limits', () => {
	it.each([
		['name', { name: 'n'.repeat(256) }, 'Name must be at most 255 characters (Creatify limit)'],
		['target platform', { targetPlatform: 'p'.repeat(256) }, 'Target Platform must be at most 255'],
		[
			'background music URL',
			{ backgroundMusicUrl: `https://cdn.example.com/${'m'.repeat(240)}.mp3` },
			'Background Music URL must be at most 255 characters',
		],
		[
			'background music URL scheme',
			{ backgroundMusicUrl: 'ftp://x/y.mp3' },
			'must be an http(s) URL',
		],
		[
			'music volume',
			{ backgroundMusicVolume: -0.1 },
			'Background Music Volume must be from 0 to 1',
		],
		['voice-over volume', { voiceoverVolume: 1.01 }, 'Voiceover Volume must be from 0 to 1'],
		[
			'webhook URL',
			{ webhookUrl: `https://x.example/${'w'.repeat(190)}` },
			'Webhook URL must be at most 200',
		],
		[
			'override voice',
			{ overrideVoice: 'olivia' },
			'Override Voice must be a Creatify voice accent ID',
		],
		['caption offset x', { offsetX: 0.51 }, 'Offset X must be from -0.5 to 0.5'],
		['caption offset y', { offsetY: -0.51 }, 'Offset Y must be from -0.5 to 0.5'],
		['font size', { fontSize: 12.5 }, 'Font Size must be a whole number'],
		['max width', { maxWidth: 0 }, 'Max Width must be greater than 0'],
		['caption style', { style: 'comic' }, "Style must be one of Creatify's caption styles"],
		['language', { language: 'xx' }, "Language must be one of Creatify's languages"],
		['video length', { videoLength: '45' }, "Video Length must be one of Creatify's video lengths"],
		[
			'model version',
			{ modelVersion: 'aurora_v2' },
			"Model Version must be one of Creatify's model versions",
		],
	])('checks the %s', (_label, fields, message) => {
		expect(() => validate(fields)).toThrow(message);
	});

	it('accepts the edges of every range', () => {
		expect(() =>
			validate({
				name: 'n'.repeat(255),
				backgroundMusicVolume: 0,
				voiceoverVolume: 1,
				offsetX: -0.5,
				offsetY: 0.5,
				webhookUrl: `https://x.example/${'w'.repeat(200 - 'https://x.example/'.length)}`,
			}),
		).not.toThrow();
	});

	it('says the field was not sent', () => {
		try {
			validate({ name: 'n'.repeat(256) });
			throw new Error('no error');
		} catch (error) {
			expect((error as { description?: string }).description).toBe(
				'Fix the "Name" field. Nothing was sent to the provider.',
			);
		}
	});
});

describe('links', () => {
	it('reads a link answered flat, nested or both', () => {
		const fields = { id: 'l1', url: 'https://shop.example.com/p', title: 'Kettle' };
		expect(linkJson(fields)).toEqual(fields);
		expect(linkJson({ link: fields })).toEqual(fields);
		expect(linkJson({ ...fields, link: { ...fields } })).toEqual(fields);
		expect(linkIdOf({ link: fields })).toBe('l1');
		expect(linkIdOf({})).toBeUndefined();
	});

	it('takes URL lists typed or mapped, and sends only the fields given', () => {
		expect(parseUrlList('https://a.example/1.jpg,\n https://a.example/2.jpg\n\n')).toEqual([
			'https://a.example/1.jpg',
			'https://a.example/2.jpg',
		]);
		expect(parseUrlList(['https://a.example/1.jpg'])).toEqual(['https://a.example/1.jpg']);
		expect(rawLinkFields({ title: 'T', description: '', imageUrls: ' ', reviews: 'Good' })).toEqual(
			{
				title: 'T',
				reviews: 'Good',
			},
		);
		expect(
			linkRequestBody({
				title: 'T',
				imageUrls: ['https://a.example/1.jpg'],
				logoUrl: 'https://a.example/l.png',
			}),
		).toEqual({
			title: 'T',
			image_urls: ['https://a.example/1.jpg'],
			logo_url: 'https://a.example/l.png',
		});
	});
});

describe('job states and outputs', () => {
	const video = (fields: Partial<CreatifyVideo>): CreatifyVideo => ({ id: 'v1', ...fields });

	it('reads every documented status, and previews as ready before the job is done', () => {
		expect(
			['pending', 'in_queue', 'running'].map((status) => videoState(video({ status }))),
		).toEqual(['pending', 'pending', 'pending']);
		expect(videoState(video({ status: 'done' }))).toBe('succeeded');
		expect(videoState(video({ status: 'failed' }))).toBe('failed');
		expect(previewsState(video({ status: 'pending', previews: [] }))).toBe('pending');
		expect(previewsState(video({ status: 'pending', previews: [{ media_job: 'm' }] }))).toBe(
			'succeeded',
		);
		expect(previewsState(video({ status: 'failed', previews: [{ media_job: 'm' }] }))).toBe(
			'failed',
		);
		expect(previewState(video({ status: 'pending', preview: null }))).toBe('pending');
		expect(previewState(video({ status: 'pending', preview: 'https://x.example/p' }))).toBe(
			'succeeded',
		);
	});

	it('keeps the main fields when simplified, credits_used included', () => {
		const full = video({
			status: 'done',
			credits_used: 5,
			video_output: 'https://cdn.example/v.mp4',
			outputs: [],
			language: 'en',
		});
		const simple = videoJson(full, true);
		expect(simple).toMatchObject({ id: 'v1', status: 'done', credits_used: 5, editor_url: null });
		expect(simple).not.toHaveProperty('outputs');
		expect(videoJson(full, false)).toEqual(full);
	});

	it('makes one item per preview, keeping failed items as they are', () => {
		const items = expandPreviews([
			{
				json: {
					id: 'v1',
					status: 'pending',
					credits_used: 1,
					previews: [
						{
							media_job: 'm1',
							visual_style: 'A',
							aspect_ratio: '9x16',
							url: 'u1',
							editor_url: null,
						},
						{
							media_job: 'm2',
							visual_style: 'B',
							aspect_ratio: '1x1',
							url: 'u2',
							editor_url: 'e2',
						},
					],
				},
				pairedItem: { item: 3 },
			},
			{ json: { error: 'failed', previews: [] }, pairedItem: { item: 4 } },
		]);
		expect(items.map((item) => [item.json.media_job, item.pairedItem])).toEqual([
			['m1', { item: 3 }],
			['m2', { item: 3 }],
			[undefined, { item: 4 }],
		]);
		expect(items[1].json).toMatchObject({
			video_id: 'v1',
			url: 'u2',
			editor_url: 'e2',
			credits_used: 1,
		});
	});
});

describe('credit estimates', () => {
	it('groups what a run will be charged for', () => {
		const charges = [
			renderEstimate('standard', 15),
			renderEstimate('standard', 15),
			renderEstimate('aurora_v1', 30),
			{ what: 'link with parameters', credits: 1 },
		];
		expect(describeEstimate(charges)).toBe(
			'2 × video (Standard, 15 s) at 5 credits, 1 × video (Aurora v1, 30 s) at 40 credits, 1 × link with parameters at 1 credit',
		);
	});
});
