/** Splits values into chunks of `size` (at least 1), e.g. task ids into TikTok's 5 per request. */
export function chunk<T>(values: T[], size: number): T[][] {
	const step = Math.max(1, Math.floor(size));
	const chunks: T[][] = [];
	for (let start = 0; start < values.length; start += step)
		chunks.push(values.slice(start, start + step));
	return chunks;
}

/** Runs `work` on every value with at most `limit` running at once. */
export async function forEachConcurrently<T>(
	values: T[],
	limit: number,
	work: (value: T) => Promise<void>,
): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < values.length) {
			const value = values[next++];
			await work(value);
		}
	};
	const workers = Array.from({ length: Math.max(1, Math.min(limit, values.length)) }, worker);
	await Promise.all(workers);
}
