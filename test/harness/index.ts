// One import for test files: `import { startGitServer, checkout, runAction } from './harness/index.js'`.
export * from './git-server.js';
export * from './fixtures.js';
export * from './run-action.js';
export * from './run-cli.js';
export { nodeBinary, type NodeRuntime } from './node-bins.js';
export type { Annotation, WorkflowCommand } from './workflow-files.js';
export * from './fake-github/index.js';
export * from './secrets.js';
export * from './markdown-oracle.js';
export * from './version-chain.js';
