/**
 * Runs at most `limit` tasks at once; others wait in a queue of at most `maxQueued`, and a task
 * beyond that is refused at once (the caller answers "busy" rather than piling up work).
 */
export class ConcurrencyLimiter {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly limit: number,
    readonly maxQueued: number,
  ) {}

  /** Tasks running now (for tests and logs). */
  get active(): number {
    return this.running;
  }

  /** Runs `task` when a slot is free; resolves null without running it when the queue is full. */
  async run<T>(task: () => Promise<T>): Promise<{ value: T } | null> {
    if (this.running >= this.limit) {
      if (this.waiting.length >= this.maxQueued) return null;
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return { value: await task() };
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter, so `running` stays at the limit.
      if (next) next();
      else this.running -= 1;
    }
  }
}
