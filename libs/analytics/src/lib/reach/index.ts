export {
  ReachSketch,
  hashWords,
  readyForUnion,
  sketchOfHashes,
  sketchOfKeys,
  unionOfStored,
  SKETCH_EXPLICIT_LIMIT,
  SKETCH_PRECISION,
  SKETCH_REGISTERS,
  SKETCH_RELATIVE_STANDARD_ERROR,
} from './reach-sketch.js';
export type { EncodedSketch, PreparedHash, ReachEstimate, ReachInput } from './reach-sketch.js';
