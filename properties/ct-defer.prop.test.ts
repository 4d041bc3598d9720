import { verdictSuite } from './verdict-suite.js';

verdictSuite('ct-defer', { variant: 'coalesce-tlbi-flag-before-flush', arch: 'x86-native' });
