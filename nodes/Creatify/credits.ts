import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ApiContext } from '../shared/request';
import { readBooleanParameter } from '../shared/validation';
import { MODEL_VERSIONS, renderCredits } from './enums';
import { checkCreditsProperty } from './fields';
import { creatifyApiRequest } from './transport';

/**
 * Credits are money. "Check Credits First" reads the account's balance (free) and stops the run before anything is
 * charged when the balance cannot cover the run's estimated cost, computed from Creatify's published prices.
 */

/** One charged thing of a run and its estimated cost, e.g. { what: 'video (Standard, 15 s)', credits: 5 }. */
export interface ChargeEstimate {
	what: string;
	credits: number;
}

/** `GET /api/remaining_credits/` → `{remaining_credits}` (free). */
export async function readRemainingCredits(this: ApiContext): Promise<number> {
	const answer = (await creatifyApiRequest.call(this, 'GET', '/remaining_credits/')) as {
		remaining_credits?: unknown;
	};
	const credits = Number(answer.remaining_credits);
	if (!Number.isFinite(credits)) {
		throw new NodeOperationError(this.getNode(), 'Creatify did not say how many credits are left', {
			description: 'Turn off Check Credits First to run without the check.',
		});
	}
	return credits;
}

function modelLabel(model: string): string {
	return MODEL_VERSIONS.find((option) => option.value === model)?.label ?? model;
}

/** What a render costs, for the estimate: "video (Standard, 15 s)" and its credits. */
export function renderEstimate(model: string, videoLengthSeconds: number): ChargeEstimate {
	return {
		what: `video (${modelLabel(model)}, ${videoLengthSeconds} s)`,
		credits: renderCredits(model, videoLengthSeconds),
	};
}

/** "12 × video (Standard, 15 s) at 5 credits, 2 × video (Aurora v1, 30 s) at 40 credits" */
export function describeEstimate(charges: ChargeEstimate[]): string {
	const groups = new Map<string, { count: number; credits: number }>();
	for (const { what, credits } of charges) {
		const key = `${what}\u0000${credits}`;
		const group = groups.get(key) ?? { count: 0, credits };
		group.count++;
		groups.set(key, group);
	}
	return [...groups.entries()]
		.map(
			([key, { count, credits }]) =>
				`${count} × ${key.split('\u0000')[0]} at ${credits} credit${credits === 1 ? '' : 's'}`,
		)
		.join(', ');
}

/** Whether Check Credits First is on; read before anything is sent, so a value that is not a switch is refused. */
export function readCheckCreditsFirst(this: IExecuteFunctions): boolean {
	return readBooleanParameter.call(this, checkCreditsProperty.name, 0, {
		label: checkCreditsProperty.displayName,
		default: false,
	});
}

/**
 * Stops the run, before anything is charged, when the remaining credits cannot cover `charges`. Does nothing when
 * Check Credits First is off or nothing will be charged.
 */
export async function checkCreditsFirst(
	this: IExecuteFunctions,
	charges: ChargeEstimate[],
): Promise<void> {
	if (!readCheckCreditsFirst.call(this)) return;
	if (charges.length === 0) return;
	const needed = charges.reduce((sum, charge) => sum + charge.credits, 0);
	const remaining = await readRemainingCredits.call(this);
	if (remaining >= needed) return;
	throw new NodeOperationError(
		this.getNode(),
		`Not enough Creatify credits for this run: it needs about ${needed} and the account has ${remaining}`,
		{
			description: `Estimate: ${describeEstimate(charges)}, from Creatify's published prices. Nothing was sent or charged. Top up your Creatify credits or run fewer items, or turn off Check Credits First if the estimate is wrong.`,
		},
	);
}
