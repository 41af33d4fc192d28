/** Applies the heap's growth rule (see heap-growing.ts) to this process: main.ts imports this first. */
import v8 from 'node:v8';
import { heapGrowingPercent } from './heap-growing.js';

const percent = heapGrowingPercent(process.env['RESONANCE_HEAP_GROWING_PERCENT']);
if (percent > 0) v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
