import type { MachineFacts } from '@outpost/agent/protocol';
import { ForbiddenError, NotFoundError, TooManyRequestsError } from '@outpost/core';
import type { EnrollmentSource, EnrollmentSources } from './api.js';
import type { DeviceRegistry } from './registry.js';

/** Failed attempts per address within the window before enrollment answers 429. */
export interface EnrollmentLimits {
  failuresPerWindow: number;
  windowMs: number;
}

/**
 * Enrollment: finds which registered source a code belongs to and enrolls the device
 * there. Wrong codes count against the caller's address, so codes cannot be guessed.
 */
export class Enrollment implements EnrollmentSources {
  private readonly sources: EnrollmentSource[] = [];
  private readonly failures = new Map<string, { count: number; since: number }>();

  constructor(
    private readonly registry: DeviceRegistry,
    private readonly limits: EnrollmentLimits,
  ) {}

  register(source: EnrollmentSource): void {
    if (this.sources.some((s) => s.id === source.id)) throw new Error(`enrollment source "${source.id}" is registered twice`);
    this.sources.push(source);
  }

  async enroll(code: string, facts: MachineFacts, ip: string) {
    this.checkThrottle(ip);
    const normalized = code.trim();
    for (const source of this.sources) {
      const target = await source.resolve(normalized);
      if (!target) continue;
      if ('refused' in target) throw new ForbiddenError(target.refused, { type: 'enrollment-refused' });
      const { device, secret } = await this.registry.enroll(target, source.id, facts, ip);
      return { deviceId: device.id, secret, name: device.name, shortId: device.short_id };
    }
    this.countFailure(ip);
    throw new NotFoundError(
      this.sources.length === 0 ? 'This server has no enrollment source enabled (enable the invites plugin).' : 'This code is not valid: check it, or ask for a new invite.',
      { type: 'unknown-enrollment-code' },
    );
  }

  private checkThrottle(ip: string): void {
    const entry = this.failures.get(ip);
    if (!entry) return;
    const age = Date.now() - entry.since;
    if (age > this.limits.windowMs) return void this.failures.delete(ip);
    if (entry.count >= this.limits.failuresPerWindow) {
      const retryAfter = Math.ceil((this.limits.windowMs - age) / 1000);
      throw new TooManyRequestsError(`Too many wrong codes from this address; try again in ${retryAfter} s.`, { headers: { 'Retry-After': String(retryAfter) } });
    }
  }

  private countFailure(ip: string): void {
    const entry = this.failures.get(ip);
    if (!entry || Date.now() - entry.since > this.limits.windowMs) this.failures.set(ip, { count: 1, since: Date.now() });
    else entry.count += 1;
    if (this.failures.size > 100_000) this.failures.delete(this.failures.keys().next().value!);
  }
}
