import type { IDataObject } from 'n8n-workflow';
import { SIXTYSECONDS_MAX_CONCURRENT_REQUESTS } from '../../../nodes/SixtySeconds/transport';
import { binarySize } from '../../helpers/n8nContext';
import {
	TEMPLATE,
	sandbox,
	run,
	template,
	createParameters,
	customers,
	creates,
	reads,
	idOf,
	videos,
	errorText,
} from './setup';

describe('Video → Create', () => {
	it('creates 25 videos, waits for all of them together and reads each once, at its estimated completion', async () => {
		sandbox.configure({ durations: { sixtyseconds: { minMs: 1_000, maxMs: 4_000 } } });
		const started = Date.now();
		const { items, error, hints } = await run(createParameters(), { items: customers(25) });
		const wallMs = Date.now() - started;
		expect(error).toBeUndefined();
		expect(hints).toContainEqual(
			expect.stringMatching(/^25 SixtySeconds videos: 25 done, 0 failed; slowest \d+ s$/),
		);
		expect(items).toHaveLength(25);
		items.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json).toMatchObject({
				status: 'published',
				title: `Welcome Customer ${index + 1}`,
				template_id: 'tmpl_welcome_message',
				aspect_ratio: '9:16',
				customer_data: customers(25)[index],
			});
			expect(String(item.json.id)).toMatch(/^vid_/);
			expect(String(item.json.url)).toMatch(/\/files\/videos\/.+\.mp4/);
			expect(item.json.thumbnail).toBeTruthy();
			expect(typeof item.json.duration).toBe('number');
			expect(item.json.estimated_completion).toEqual(expect.any(String));
		});

		// One create per item; one status read per video: none before the video's estimated completion.
		expect(creates()).toHaveLength(25);
		expect(reads()).toHaveLength(25);
		expect(new Set(reads().map(idOf)).size).toBe(25);
		expect(sandbox.stats().rateViolations).toBe(0);

		const durations = videos().map((video) => Number(video.durationMs));
		const byEndpoint = sandbox.stats().byEndpoint as Record<string, number>;
		const figures = {
			items: 25,
			requests: Object.fromEntries(
				Object.entries(byEndpoint).filter(([endpoint]) => !endpoint.startsWith('GET /files')),
			),
			downloads: byEndpoint['GET /files/videos/{name}'] ?? 0,
			wallMs,
			slowestJobMs: Math.max(...durations),
			sumOfJobsMs: durations.reduce((sum, ms) => sum + ms, 0),
			inFlightCapPerCredential: SIXTYSECONDS_MAX_CONCURRENT_REQUESTS,
		};
		// Figures, not assertions: wall time against the slowest job and the sum of all jobs.
		// eslint-disable-next-line no-console
		console.log(`SixtySeconds 25 items: ${JSON.stringify(figures)}`);
	}, 60_000);

	it('reads no video before its estimated completion', async () => {
		const { error } = await run(createParameters(), { items: customers(6) });
		expect(error).toBeUndefined();
		// When SixtySeconds created each video (its create in the log, matched by title) and how long it took.
		const createdAt = new Map(
			creates().map((entry) => [String((entry.body as IDataObject).title), Date.parse(entry.time)]),
		);
		const firstRead = new Map<string, number>();
		for (const read of reads())
			if (!firstRead.has(idOf(read))) firstRead.set(idOf(read), Date.parse(read.time));
		expect(firstRead.size).toBe(6);
		for (const video of videos()) {
			const ready = createdAt.get(String(video.title))! + Number(video.durationMs);
			expect(firstRead.get(String(video.id))).toBeGreaterThanOrEqual(ready);
		}
	});

	it('sends what the user gave, in its types, and returns the ids at once without waiting', async () => {
		const { items, error } = await run(
			createParameters({
				title: 'Welcome Message for Sarah',
				customerData: 'defineBelow',
				customerDataFields: {
					field: [
						{ name: 'first_name', value: 'Sarah' },
						{ name: 'logins', type: 'number', value: '12' },
						{ name: 'features_used', type: 'json', value: '["dashboard", "reports"]' },
						{ name: 'trial', type: 'boolean', value: 'false' },
						{ name: 'usage_stats', value: '={{ { logins: 12, ratio: 0.5 } }}' },
						{ name: 'seats', value: '={{ 40 }}' },
					],
				},
				aspectRatio: '1:1',
				aiMessaging: {
					tone: 'custom',
					customTone: 'playful',
					length: 'short',
					focusPoints: 'product_benefits, next_steps',
				},
				additionalFields: { projectId: 'proj_onboarding_2025' },
				waitForCompletion: false,
			}),
		);
		expect(error).toBeUndefined();
		const [create] = creates();
		expect(create.body).toEqual({
			title: 'Welcome Message for Sarah',
			template_id: 'tmpl_welcome_message',
			customer_data: {
				first_name: 'Sarah',
				logins: 12,
				features_used: ['dashboard', 'reports'],
				trial: false,
				usage_stats: { logins: 12, ratio: 0.5 },
				seats: 40,
			},
			ai_messaging: {
				tone: 'playful',
				length: 'short',
				focus_points: ['product_benefits', 'next_steps'],
			},
			aspect_ratio: '1:1',
			project_id: 'proj_onboarding_2025',
		});
		expect(items[0].json).toMatchObject({
			id: expect.stringMatching(/^vid_/),
			status: 'processing',
			url: null,
			estimated_completion: expect.any(String),
			project_id: 'proj_onboarding_2025',
			customer_data: (create.body as IDataObject).customer_data,
		});
		expect(reads()).toHaveLength(0);
	});

	it('sends only the chosen fields of the input item, nested objects and lists as they are', async () => {
		const input = {
			first_name: 'John',
			company: 'XYZ Corp',
			internal_note: 'not for the video',
			usage_stats: { logins: 5, features_used: ['dashboard'] },
		};
		const { error } = await run(
			createParameters({
				inputFields: 'first_name, usage_stats',
				waitForCompletion: false,
			}),
			{ items: [input] },
		);
		expect(error).toBeUndefined();
		expect((creates()[0].body as IDataObject).customer_data).toEqual({
			first_name: 'John',
			usage_stats: { logins: 5, features_used: ['dashboard'] },
		});
		// Nothing the user left empty is sent.
		expect(Object.keys(creates()[0].body as IDataObject).sort()).toEqual(
			['aspect_ratio', 'customer_data', 'template_id', 'title'].sort(),
		);
	});

	it('takes the customer data as JSON, mapped from the item by an expression', async () => {
		const { error } = await run(
			createParameters({
				customerData: 'json',
				customerDataJson: '={{ $json.customer }}',
				waitForCompletion: false,
			}),
			{ items: [{ first_name: 'Ann', customer: { first_name: 'Ann', seats: 3, tags: ['a'] } }] },
		);
		expect(error).toBeUndefined();
		expect((creates()[0].body as IDataObject).customer_data).toEqual({
			first_name: 'Ann',
			seats: 3,
			tags: ['a'],
		});
	});

	it.each<[string, IDataObject, IDataObject[], RegExp]>([
		['an empty title', { title: '={{ $json.subject }}' }, customers(1), /Title is required/],
		[
			'a field the item does not have',
			{ inputFields: 'first_name, compnay' },
			customers(1),
			/Fields to Include names "compnay", which this item does not have \(its fields: first_name, company/,
		],
		[
			'no customer data',
			{ customerData: 'json', customerDataJson: '{}' },
			[{}],
			/Customer Data is empty/,
		],
		[
			'JSON that is not an object',
			{ customerData: 'json', customerDataJson: '["Sarah"]' },
			[{}],
			/Customer Data \(JSON\) must be a JSON object .*not a list/,
		],
		[
			'broken JSON',
			{ customerData: 'json', customerDataJson: '{"first_name": ' },
			[{}],
			/Customer Data \(JSON\) is not valid JSON/,
		],
		[
			'a number that is not one',
			{
				customerData: 'defineBelow',
				customerDataFields: { field: [{ name: 'logins', type: 'number', value: 'twelve' }] },
			},
			[{}],
			/Customer Data Fields entry "logins" must be a number, got "twelve"/,
		],
		[
			'a custom tone left empty',
			{ aiMessaging: { tone: 'custom' } },
			customers(1),
			/Custom Tone is required when Tone is Custom/,
		],
		[
			'a video ID as template',
			{ template: template('vid_12345abcde') },
			customers(1),
			/Template must be a template ID/,
		],
	])(
		'rejects %s before any request, naming the field',
		async (_case, overrides, input, message) => {
			const { error } = await run(createParameters(overrides), { items: input });
			expect(error?.message).toMatch(message);
			expect(error?.description).toMatch(/Nothing was sent/);
			expect(sandbox.stats().total).toBe(0);
		},
	);

	it('checks every item before the first create: a bad item 3 means no video for items 1 and 2', async () => {
		const input: IDataObject[] = customers(3);
		input[2] = { company: 'No name' };
		const { error } = await run(createParameters({ inputFields: 'first_name, company' }), {
			items: input,
		});
		expect(error?.message).toMatch(/Fields to Include names "first_name"/);
		expect(sandbox.stats().total).toBe(0);
	});

	it('fails an unknown template before any create, with what to do', async () => {
		const { error } = await run(createParameters({ template: template('tmpl_nope') }), {
			items: customers(3),
		});
		expect(error?.message).toBe('Template tmpl_nope was not found in this SixtySeconds account');
		expect(error?.description).toMatch(/From List/);
		expect(sandbox.requests({ endpoint: TEMPLATE })).toHaveLength(1);
		expect(creates()).toHaveLength(0);
	});

	it("fails an aspect ratio the template doesn't offer before any create", async () => {
		const { items } = await run(
			createParameters({
				template: template('={{ $json.template }}'),
				aspectRatio: '16:9',
				waitForCompletion: false,
			}),
			{
				items: [
					{ first_name: 'A', template: 'tmpl_story_teaser' },
					{ first_name: 'B', template: 'tmpl_welcome_message' },
				],
				continueOnFail: true,
			},
		);
		expect(String(items[0].json.error)).toMatch(
			/Aspect Ratio 16:9 is not offered by template "Story Teaser" \(tmpl_story_teaser\)/,
		);
		expect(String(items[0].json.errorDescription)).toMatch(/offers 9:16/);
		expect(items[1].json.status).toBe('processing');
		expect(creates().map((entry) => (entry.body as IDataObject).template_id)).toEqual([
			'tmpl_welcome_message',
		]);
		// Each template is read once, whatever the number of items using it.
		expect(sandbox.requests({ endpoint: TEMPLATE })).toHaveLength(2);
	});

	it('keeps the id of a failed video with its input and the reason (Continue On Fail)', async () => {
		const { items, error } = await run(createParameters({ title: '={{ $json.title }}' }), {
			items: [
				{ title: 'Fine', first_name: 'A' },
				{ title: 'sandbox-fail video', first_name: 'B' },
			],
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(items[0].json.status).toBe('published');
		const failed = items[1].json;
		expect(failed.first_name).toBe('B');
		expect(failed.video_ids).toHaveLength(1);
		const id = (failed.video_ids as string[])[0];
		expect(String(failed.error)).toBe(
			`SixtySeconds video ${id} failed: Video generation failed (sandbox failure trigger "sandbox-fail" in the title).`,
		);
	});

	it('fails the run on a failed video without Continue On Fail, naming it', async () => {
		const { error } = await run(createParameters({ title: 'sandbox-fail' }), {
			items: customers(1),
		});
		expect(error?.message).toContain(String(videos()[0].id));
	});

	it('stops waiting at the timeout, naming every video and how to resume', async () => {
		sandbox.configure({ durations: { sixtyseconds: { minMs: 60_000, maxMs: 60_000 } } });
		// Two of the three creates are answered 1.5 s and 3 s late, so each video has a deadline of its own.
		for (const delayMs of [1_500, 3_000])
			sandbox.injectFault({ provider: 'sixtyseconds', method: 'POST', type: 'slow', delayMs });
		// The shortest Timeout the field takes.
		const { error } = await run(createParameters({ timeout: 10, pollInterval: 1 }), {
			items: customers(3),
		});
		const ids = videos().map((video) => String(video.id));
		expect(ids).toHaveLength(3);
		for (const id of ids) expect(errorText(error)).toContain(id);
		expect(errorText(error)).toMatch(/Timed out after 10 s/);
		expect(errorText(error)).toMatch(/"Video → Get" with Wait for Completion on these video IDs/);
		// The estimate (60 s) is past the deadline: a video is read once, at its deadline. Without Continue On Fail
		// the first timeout ends the run: only the video answered first (the first made) is read.
		expect(reads().map(idOf)).toEqual([ids[0]]);
	}, 30_000);

	it('rides out a rate-limit answer and a 5xx while polling', async () => {
		sandbox.injectFault({
			provider: 'sixtyseconds',
			method: 'GET',
			path: '/videos/',
			type: 'rateLimit',
		});
		sandbox.injectFault({
			provider: 'sixtyseconds',
			method: 'GET',
			path: '/videos/',
			type: 'http',
			status: 503,
			times: 2,
		});
		const { items, error } = await run(createParameters(), { items: customers(4) });
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.status)).toEqual(Array(4).fill('published'));
		expect(reads().filter((entry) => entry.status === 429)).toHaveLength(1);
		expect(reads().filter((entry) => entry.status === 503)).toHaveLength(2);
		expect(creates()).toHaveLength(4);
	}, 60_000);

	it('reports a video left in draft after three checks, keeping its id, instead of waiting for the timeout', async () => {
		const { items } = await run(createParameters({ title: '={{ $json.title }}', timeout: 600 }), {
			items: [
				{ title: 'Ready', first_name: 'A' },
				{ title: 'sandbox-draft', first_name: 'B' },
			],
			continueOnFail: true,
		});
		expect(items[0].json.status).toBe('published');
		const id = (items[1].json.video_ids as string[])[0];
		expect(String(items[1].json.error)).toBe(
			`SixtySeconds video ${id} is still a draft: it was created but not submitted for processing`,
		);
		expect(String(items[1].json.errorDescription)).toMatch(
			new RegExp(`submit it, then run "Video → Get" with Wait for Completion on ${id}`),
		);
		expect(reads().filter((entry) => idOf(entry) === id)).toHaveLength(3);
	}, 30_000);

	it('never sends a create twice when the connection drops after SixtySeconds accepted it', async () => {
		sandbox.injectFault({ provider: 'sixtyseconds', method: 'POST', type: 'dropAfterProcessing' });
		const { error } = await run(createParameters(), { items: customers(1) });
		expect(creates()).toHaveLength(1);
		expect(videos()).toHaveLength(1);
		expect(errorText(error)).toMatch(/may have been accepted.*"Video → Get Many"/);
	});

	it('downloads each published video into binary data, named after its title', async () => {
		const { items, error } = await run(
			createParameters({ downloadVideo: true, binaryPropertyName: 'video' }),
			{ items: customers(2) },
		);
		expect(error).toBeUndefined();
		for (const [index, item] of items.entries()) {
			const binary = item.binary?.video;
			expect(binary?.mimeType).toBe('video/mp4');
			expect(binary?.fileName).toBe(`Welcome Customer ${index + 1}.mp4`);
			expect(await binarySize(binary!)).toBe(200_000);
		}
	});
});
