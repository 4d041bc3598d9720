import { verdictSuite } from './verdict-suite.js';

verdictSuite('eqs-kick', { variant: 'baseline', arch: 'arm64' });
