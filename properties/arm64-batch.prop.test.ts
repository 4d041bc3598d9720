import { verdictSuite } from './verdict-suite.js';

// 52 before mprotect() rewrote P's PTE under the PTL (ptep_modify_prot_start()/commit()) and
// could take the PTL before reclaim.
verdictSuite('arm64-batch', { variant: 'batched-pending-flush-mm', arch: 'arm64', states: 106 });
