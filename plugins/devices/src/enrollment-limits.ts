import { ForbiddenError, TooManyRequestsError, lockTransaction } from '@outpost/core';
import type { Knex } from 'knex';
import type { EnrollmentTarget } from './api.js';

/** At most `enrollments` successful enrollments within any `windowMs` (a sliding window). */
export interface RateLimit {
  enrollments: number;
  windowMs: number;
}

export interface EnrollmentLimits {
  /** Wrong codes from one address within `windowMs` before enrollment answers 429. */
  failuresPerWindow: number;
  windowMs: number;
  /** Devices one code may enroll. */
  perCode: RateLimit;
  /** Devices one address may enroll, with any codes. */
  perAddress: RateLimit;
}

export interface EnrollmentAttempt {
  source: string;
  target: EnrollmentTarget;
  ip: string;
}

/**
 * Runs first in the transaction that enrolls a device. It holds a lock on the caller's
 * address and one on the code until commit (PostgreSQL advisory locks, so on every
 * instance; SQLite's write lock), so parallel enrollments count each other. Then it
 * refuses a code at its maximum of devices (403, for good) and a code or an address
 * over its rate (429 with Retry-After, counted from the devices enrolled in the window).
 */
export async function admitEnrollment(
  trx: Knex.Transaction,
  attempt: EnrollmentAttempt,
  limits: EnrollmentLimits,
): Promise<void> {
  const { source, target, ip } = attempt;
  // Always the address first, then the code: two enrollments never wait on each other in a circle.
  await lockTransaction(trx, `devices.enroll.address:${ip}`, 'devices_devices');
  await lockTransaction(trx, `devices.enroll.code:${source}:${target.reference}`, 'devices_devices');
  const ofCode = () => trx('devices_devices').where({ enrollment_source: source, enrollment_ref: target.reference });
  if (target.capacity) {
    const row = await ofCode().whereNull('deleted_at').count({ n: '*' }).first();
    if (Number(row?.n ?? 0) >= target.capacity.maxDevices)
      throw new ForbiddenError(target.capacity.refusal, { type: 'enrollment-refused' });
  }
  const now = Date.now();
  await checkRate(ofCode(), limits.perCode, now, 'This code');
  await checkRate(trx('devices_devices').where({ enrolled_ip: ip }), limits.perAddress, now, 'This address');
}

async function checkRate(devices: Knex.QueryBuilder, limit: RateLimit, now: number, who: string): Promise<void> {
  // The limit-th newest enrollment in the window: while there is one, the window is full until it leaves.
  const oldestCounted = await devices
    .where('created_at', '>', new Date(now - limit.windowMs).toISOString())
    .orderBy('created_at', 'desc')
    .offset(limit.enrollments - 1)
    .first('created_at');
  if (!oldestCounted) return;
  const retryAfter = Math.max(
    1,
    Math.ceil((new Date(oldestCounted.created_at).getTime() + limit.windowMs - now) / 1000),
  );
  const minutes = Math.round(limit.windowMs / 60_000);
  throw new TooManyRequestsError(
    `${who} has enrolled ${limit.enrollments} devices in the last ${minutes} minutes, its limit; try again in ${retryAfter} s.`,
    {
      type: 'enrollment-rate-limited',
      headers: { 'Retry-After': String(retryAfter) },
    },
  );
}
