import { TooManyRequestsError } from '../errors.js';

/**
 * Counts failures per key (an address) in a fixed window and refuses further attempts
 * with 429 once there are too many: code guessing stops long before it could succeed.
 * Counting every attempt makes it a plain rate limit (tickets from a public form).
 * In memory, per process; enough against guessing, since each instance limits alone.
 */
export class FailureThrottle {
  private readonly failures = new Map<string, { count: number; since: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    /** What is counted, for the refusal: `wrong invite codes`. */
    private readonly what = 'failed attempts',
  ) {}

  /** Throws 429 with Retry-After when the key has failed too often in the window. */
  check(key: string): void {
    const entry = this.failures.get(key);
    if (!entry) return;
    const age = Date.now() - entry.since;
    if (age > this.windowMs) return void this.failures.delete(key);
    if (entry.count >= this.limit) {
      const retryAfter = Math.ceil((this.windowMs - age) / 1000);
      throw new TooManyRequestsError(`Too many ${this.what} from this address; try again in ${retryAfter} s.`, {
        headers: { 'Retry-After': String(retryAfter) },
      });
    }
  }

  fail(key: string): void {
    const entry = this.failures.get(key);
    if (!entry || Date.now() - entry.since > this.windowMs) this.failures.set(key, { count: 1, since: Date.now() });
    else entry.count += 1;
    if (this.failures.size > 100_000) this.failures.delete(this.failures.keys().next().value!);
  }
}
