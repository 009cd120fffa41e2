import type { MachineFacts } from '@outpost/agent/protocol';
import { FailureThrottle, ForbiddenError, NotFoundError } from '@outpost/core';
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
  private readonly throttle: FailureThrottle;

  constructor(
    private readonly registry: DeviceRegistry,
    limits: EnrollmentLimits,
  ) {
    this.throttle = new FailureThrottle(limits.failuresPerWindow, limits.windowMs, 'wrong codes');
  }

  register(source: EnrollmentSource): void {
    if (this.sources.some((s) => s.id === source.id)) throw new Error(`enrollment source "${source.id}" is registered twice`);
    this.sources.push(source);
  }

  async enroll(code: string, facts: MachineFacts, ip: string) {
    this.throttle.check(ip);
    const normalized = code.trim();
    for (const source of this.sources) {
      const target = await source.resolve(normalized);
      if (!target) continue;
      if ('refused' in target) throw new ForbiddenError(target.refused, { type: 'enrollment-refused' });
      const { device, secret } = await this.registry.enroll(target, source.id, facts, ip);
      return { deviceId: device.id, secret, name: device.name, shortId: device.short_id };
    }
    this.throttle.fail(ip);
    throw new NotFoundError(
      this.sources.length === 0 ? 'This server has no enrollment source enabled (enable the invites plugin).' : 'This code is not valid: check it, or ask for a new invite.',
      { type: 'unknown-enrollment-code' },
    );
  }
}
