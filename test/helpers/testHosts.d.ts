export interface TestHosts {
	/** Accepts connections and never answers. */
	silentPort: number;
	/** Answers every request with an HTML page. */
	webPagePort: number;
	/** Nothing listens there. */
	closedPort: number;
	close(): Promise<void>;
}
export function startTestHosts(): Promise<TestHosts>;
