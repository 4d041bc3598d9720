import { verdictSuite } from './verdict-suite.js';

verdictSuite('preempt-wait', { variant: 'as-merged', arch: 'x86-native' });
