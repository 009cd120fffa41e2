import type { MachineFacts } from '@outpost/agent/protocol';
import { FailureThrottle, ForbiddenError, NotFoundError } from '@outpost/core';
import type { EnrollmentSource, EnrollmentSources } from './api.js';
import { type EnrollmentLimits, admitEnrollment } from './enrollment-limits.js';
import type { DeviceEnroller } from './registry/enroller.js';

/**
 * Enrollment: finds which registered source a code belongs to and enrolls the device
 * there. Wrong codes count against the caller's address, so codes cannot be guessed;
 * successful enrollments are limited per code and per address, and by the code's own
 * maximum of devices (see enrollment-limits.ts).
 */
export class Enrollment implements EnrollmentSources {
  private readonly sources: EnrollmentSource[] = [];
  private readonly throttle: FailureThrottle;

  constructor(
    private readonly enroller: DeviceEnroller,
    private readonly limits: EnrollmentLimits,
  ) {
    this.throttle = new FailureThrottle(limits.failuresPerWindow, limits.windowMs, 'wrong codes');
  }

  register(source: EnrollmentSource): void {
    if (this.sources.some((s) => s.id === source.id))
      throw new Error(`enrollment source "${source.id}" is registered twice`);
    this.sources.push(source);
  }

  async enroll(code: string, facts: MachineFacts, ip: string) {
    this.throttle.check(ip);
    const normalized = code.trim();
    for (const source of this.sources) {
      const target = await source.resolve(normalized);
      if (!target) continue;
      if ('refused' in target) throw new ForbiddenError(target.refused, { type: 'enrollment-refused' });
      const attempt = { source: source.id, target, ip };
      const { device, secret } = await this.enroller.enroll(target, source.id, facts, ip, (trx) =>
        admitEnrollment(trx, attempt, this.limits),
      );
      return { deviceId: device.id, secret, name: device.name, shortId: device.short_id };
    }
    this.throttle.fail(ip);
    throw new NotFoundError(
      this.sources.length === 0
        ? 'This server has no enrollment source enabled (enable the invites plugin).'
        : 'This code is not valid: check it, or ask for a new invite.',
      { type: 'unknown-enrollment-code' },
    );
  }
}
