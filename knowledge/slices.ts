/**
 * Cooperative CPU work: a long computation written as a generator that yields now and then runs
 * either at once (start-up, tests) or in slices of a few milliseconds with a pause between them, so
 * that a server building a new knowledge version keeps answering turns meanwhile.
 */

/** Lets other work run (Node: `setImmediate`, so waiting I/O is served first). */
export type Pause = () => Promise<void>;

/** A slice of work lasts about this long before the next pause. */
export const SLICE_MS = 4;

/** Runs the steps to the end at once. */
export function runNow<T>(steps: Generator<void, T>): T {
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

/** Runs the steps in slices of `sliceMs`, pausing between them. */
export async function runInSlices<T>(
  steps: Generator<void, T>,
  pause: Pause,
  sliceMs = SLICE_MS,
): Promise<T> {
  let sliceStart = performance.now();
  let step = steps.next();
  while (!step.done) {
    if (performance.now() - sliceStart >= sliceMs) {
      await pause();
      sliceStart = performance.now();
    }
    step = steps.next();
  }
  return step.value;
}

/** A pause check for plain loops in async code: pauses once the slice is used up. */
export function createSliceClock(pause: Pause | undefined, sliceMs = SLICE_MS) {
  let sliceStart = performance.now();
  return async function maybePause(): Promise<void> {
    if (!pause || performance.now() - sliceStart < sliceMs) return;
    await pause();
    sliceStart = performance.now();
  };
}
