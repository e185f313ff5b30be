/**
 * A provider's documented enum as one table, read by both the dropdown (`toOptions`) and the zod validation
 * (`valuesOf`), so a value can never be offered that is not validated, or validated that is not offered.
 */
export interface EnumOption<T extends string = string> {
	/** The provider's value, exactly as documented. */
	value: T;
	/** What the user sees in the dropdown (Title Case). */
	label: string;
	description?: string;
}

/** Zod wants a non-empty tuple of the literal values. */
export function valuesOf<T extends string>(options: ReadonlyArray<{ value: T }>): [T, ...T[]] {
	return options.map((option) => option.value) as [T, ...T[]];
}

/** The dropdown form of an enum table (drops fields n8n does not know). */
export function toOptions(
	options: ReadonlyArray<EnumOption>,
): Array<{ name: string; value: string; description?: string }> {
	return options.map(({ label, value, description }) =>
		description ? { name: label, value, description } : { name: label, value },
	);
}
