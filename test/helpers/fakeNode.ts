import type { INode } from 'n8n-workflow';

/**
 * The INode a unit test hands to code that only names the node in its errors (getNode). One shape for every unit
 * file; a test that asserts on the node's name or type passes its own.
 */
export function fakeNode(overrides: Partial<INode> = {}): INode {
	return {
		id: 'node-1',
		name: 'Video',
		type: 'n8n-nodes-shortform-video.test',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		...overrides,
	};
}
