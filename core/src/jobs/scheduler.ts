import { Cron } from 'croner';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { JobSchedule } from '../plugins/types.js';

const table = 'core_schedules';

export interface ScheduledJob {
  /** The full job name; a due tick enqueues this job. */
  name: string;
  schedule: JobSchedule;
}

/** The payload a scheduled job receives. */
export interface ScheduledRun {
  scheduledFor: string;
}

/**
 * Fires each schedule once per tick across every instance on the database. Each
 * schedule has one `core_schedules` row; an instance that sees it due moves
 * `next_run_at` forward with a compare-and-set on the value it read, and only the
 * instance whose update matched enqueues the run, in the same transaction. Ticks
 * missed while no instance ran are not replayed: the next run is the next tick from now.
 */
export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private readonly byName: Map<string, ScheduledJob>;

  constructor(
    private readonly db: Knex,
    schedules: ScheduledJob[],
    private readonly enqueue: (trx: Knex.Transaction, job: ScheduledJob, run: ScheduledRun) => Promise<unknown>,
    private readonly afterFire: () => void,
    private readonly pollIntervalMs: number,
    private readonly logger: Logger,
  ) {
    this.byName = new Map(schedules.map((job) => [job.name, job]));
  }

  async start(): Promise<void> {
    if (this.byName.size === 0) return;
    for (const job of this.byName.values()) await this.register(job);
    this.stopped = false;
    this.loop();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** Checks every schedule once; returns how many runs this instance fired. */
  async tick(now = new Date()): Promise<number> {
    const rows: Array<{ name: string; next_run_at: string | Date }> = await this.db(table)
      .whereIn('name', [...this.byName.keys()])
      .andWhere('next_run_at', '<=', now.toISOString());
    let fired = 0;
    for (const row of rows) {
      const job = this.byName.get(row.name)!;
      const due = new Date(row.next_run_at);
      const won = await this.db.transaction(async (trx) => {
        const moved = await trx(table)
          .where({ name: row.name, next_run_at: row.next_run_at })
          .update({ next_run_at: nextTick(job.schedule, now, due).toISOString(), last_run_at: due.toISOString() });
        if (moved !== 1) return false;
        await this.enqueue(trx, job, { scheduledFor: due.toISOString() });
        return true;
      });
      if (won) fired += 1;
    }
    if (fired > 0) this.afterFire();
    return fired;
  }

  private async register(job: ScheduledJob): Promise<void> {
    const spec = describeSchedule(job.schedule);
    const next = nextTick(job.schedule, new Date()).toISOString();
    await this.db(table).insert({ name: job.name, spec, next_run_at: next }).onConflict('name').ignore();
    // A changed schedule starts over from now rather than waiting for the old next run.
    await this.db(table).where({ name: job.name }).whereNot({ spec }).update({ spec, next_run_at: next });
  }

  private loop(): void {
    if (this.stopped) return;
    this.timer = setTimeout(async () => {
      try {
        await this.tick();
      } catch (error) {
        this.logger.error({ err: error }, 'schedule tick failed');
      }
      this.loop();
    }, this.pollIntervalMs);
  }
}

/** The next run after `now`; interval schedules stay aligned to the previous run while they keep up. */
export function nextTick(schedule: JobSchedule, now: Date, previous?: Date): Date {
  if ('everyMs' in schedule) {
    const aligned = previous ? previous.getTime() + schedule.everyMs : now.getTime() + schedule.everyMs;
    return new Date(aligned > now.getTime() ? aligned : now.getTime() + schedule.everyMs);
  }
  const next = new Cron(schedule.cron, { timezone: schedule.timezone, paused: true }).nextRun(now);
  if (!next) throw new Error(`cron "${schedule.cron}" has no future run`);
  return next;
}

function describeSchedule(schedule: JobSchedule): string {
  return 'everyMs' in schedule
    ? `every ${schedule.everyMs}ms`
    : `cron ${schedule.cron}${schedule.timezone ? ` ${schedule.timezone}` : ''}`;
}
