/**
 * Input checks shared by the statistics functions. They throw `RangeError` with a message that
 * names the parameter and its allowed range, so an API layer can pass the message to the user.
 */

function show(value: number): string {
  return Number.isNaN(value) ? 'NaN' : String(value);
}

/** Requires `lower < value < upper` (open interval). */
export function assertOpenInterval(name: string, value: number, lower: number, upper: number): void {
  if (!(value > lower && value < upper)) {
    throw new RangeError(`${name} must be in (${lower}, ${upper}); got ${show(value)}`);
  }
}

/** Requires `lower <= value <= upper` (closed interval). */
export function assertClosedInterval(name: string, value: number, lower: number, upper: number): void {
  if (!(value >= lower && value <= upper)) {
    throw new RangeError(`${name} must be in [${lower}, ${upper}]; got ${show(value)}`);
  }
}

/** Requires an integer `>= min`. */
export function assertInteger(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`${name} must be an integer >= ${min}; got ${show(value)}`);
  }
}

/** Requires `0 <= successes <= trials`, both integers. */
export function assertCounts(successesName: string, successes: number, trialsName: string, trials: number): void {
  assertInteger(trialsName, trials, 0);
  assertInteger(successesName, successes, 0);
  if (successes > trials) {
    throw new RangeError(`${successesName} must be in [0, ${trialsName}=${trials}]; got ${successes}`);
  }
}
