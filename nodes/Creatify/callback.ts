import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

import { enumSchema, isUuid } from '../shared/validation';
import { JOB_STATUSES } from './enums';
import type { CreatifyVideo } from './jobs';

/**
 * Creatify's webhook callback: "If the 'webhook_url' is passed in the parameters, we will initiate a POST request
 * to the webhook_url when the task succeeds or fails" with `id`, `status` (pending, in_queue, running, failed,
 * done), `failed_reason`, `video_output` and `video_thumbnail`; a preview list's callback carries `previews`
 * instead of the video fields (docs.creatify.ai, Link to Video → preview list). Fields beyond these are ignored.
 */

/** The documented callback is a few hundred bytes (a preview list's a few kilobytes); anything far larger is not one. */
export const CALLBACK_MAX_BYTES = 64 * 1024;

const optionalText = z.string().nullable().optional();

const callbackSchema = z.object({
	id: z
		.string({ required_error: '"id" is missing', invalid_type_error: '"id" must be text' })
		.refine(isUuid, '"id" is not a Creatify video ID (a UUID)'),
	status: enumSchema(JOB_STATUSES, `"status" must be one of ${JOB_STATUSES.join(', ')}`),
	failed_reason: optionalText,
	video_output: optionalText,
	video_thumbnail: optionalText,
	previews: z.array(z.record(z.unknown())).optional(),
});

export type CallbackReading = { payload: CreatifyVideo } | { invalid: string } | { tooLarge: true };

/** The size of the body as received: the raw bytes when n8n kept them, else what its headers or JSON say. */
function bodySize(body: unknown, headers: IDataObject, rawBody?: { length: number }): number {
	if (rawBody && typeof rawBody.length === 'number') return rawBody.length;
	const declared = Number(headers['content-length']);
	if (Number.isFinite(declared) && declared > 0) return declared;
	try {
		return JSON.stringify(body ?? '').length;
	} catch {
		return Number.POSITIVE_INFINITY;
	}
}

/** Reads a posted callback: the documented fields, or why it is not a Creatify callback. */
export function readCallback(
	body: unknown,
	headers: IDataObject = {},
	rawBody?: { length: number },
): CallbackReading {
	if (bodySize(body, headers, rawBody) > CALLBACK_MAX_BYTES) return { tooLarge: true };
	if (typeof body !== 'object' || body === null || Array.isArray(body))
		return { invalid: 'The body is not a JSON object' };
	const result = callbackSchema.safeParse(body);
	if (!result.success)
		return { invalid: `Not a Creatify callback: ${result.error.issues[0].message}` };
	return { payload: result.data as CreatifyVideo };
}
