import { verdictSuite } from './verdict-suite.js';

// 52 before mprotect() rewrote P's PTE under the PTL (ptep_modify_prot_start()/commit()) and
// could take the PTL before reclaim; 106 before reclaim left a swap entry under the PTL and
// user CPUs could lose their TLB entry for P and read it with a page fault.
verdictSuite('arm64-batch', { variant: 'batched-pending-flush-mm', arch: 'arm64' });
