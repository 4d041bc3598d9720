import { verdictSuite } from './verdict-suite.js';

verdictSuite('kick-async', { variant: 'baseline', arch: 'x86-native' });
