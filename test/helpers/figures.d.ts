/** Prints measured figures of a test run (never asserted on). */
export function printFigures(title: string, figures: Record<string, unknown>): void;
