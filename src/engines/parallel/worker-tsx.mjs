// Loads the TypeScript worker through tsx when shootdown runs from its sources (vitest, tsx);
// the built CLI loads dist/src/engines/parallel/worker.js directly.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
