import { verdictSuite } from './verdict-suite.js';

verdictSuite('arm64-batch', { variant: 'batched-pending-flush-mm', arch: 'arm64', states: 52 });
