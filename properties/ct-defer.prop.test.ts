import { verdictSuite } from './verdict-suite.js';

verdictSuite('ct-defer', { variant: 'coalesce-tlbi-vmalloc', arch: 'x86-native', states: 26308 });
