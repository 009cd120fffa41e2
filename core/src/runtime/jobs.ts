import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { AuditQuery } from '../audit/audit-query.js';
import type { CoreConfig } from '../config/schema.js';
import type { LocalEventBus } from '../events/bus.js';
import { busSubscriberId, eventDelivery } from '../events/cluster-delivery.js';
import type { JobContext } from '../jobs/queue.js';
import { JobRunner, type RegisteredJobs, type RunnableJob } from '../jobs/runner.js';
import { type ScheduledJob, Scheduler } from '../jobs/scheduler.js';
import type { PluginContext, PluginDefinition } from '../plugins/types.js';

export interface CoreJob extends RunnableJob {
  name: string;
  schedule?: ScheduledJob['schedule'];
}

export interface Jobs {
  runner: JobRunner;
  scheduler: Scheduler;
}

/**
 * The job runner with the core's jobs (audit retention, each once-per-cluster subscriber's event delivery) and the plugins' jobs (`<plugin id>.<name>`), and the
 * scheduler of those that have a schedule. Plugin jobs run only after start, so their
 * context is looked up when they run.
 */
export function createJobs(
  core: CoreConfig,
  db: Knex,
  plugins: PluginDefinition[],
  contextOf: (pluginId: string) => PluginContext,
  events: LocalEventBus,
  logger: Logger,
): Jobs {
  const deliveries = plugins.flatMap((p) =>
    (p.subscribers ?? [])
      .filter((subscriber) => subscriber.delivery === 'once-per-cluster')
      .map((subscriber) => eventDelivery(events, busSubscriberId(p.id, subscriber.subscriberId))),
  );
  const coreJobs: CoreJob[] = [auditRetention(core, db, logger), ...deliveries];
  const pluginJobs: CoreJob[] = plugins.flatMap((p) =>
    (p.jobs ?? []).map((job) => ({
      ...job,
      name: `${p.id}.${job.name}`,
      handle: (payload: unknown, context: JobContext) => job.handle(payload, context, contextOf(p.id)),
    })),
  );
  const all = [...coreJobs, ...pluginJobs];
  const registered: RegisteredJobs = new Map(all.map((job) => [job.name, job]));
  const runner = new JobRunner(db, registered, core.jobs, logger.child({ component: 'jobs' }));
  const scheduled: ScheduledJob[] = all
    .filter((job) => job.schedule)
    .map((job) => ({ name: job.name, schedule: job.schedule! }));
  const scheduler = new Scheduler(
    db,
    scheduled,
    (trx, job, run) => runner.insert(trx, job.name, run),
    () => runner.wake(),
    core.jobs.pollIntervalMs,
    logger.child({ component: 'scheduler' }),
  );
  return { runner, scheduler };
}

function auditRetention(core: CoreConfig, db: Knex, logger: Logger): CoreJob {
  const auditQuery = new AuditQuery(db);
  return {
    name: 'core.audit-retention',
    schedule: { cron: '30 3 * * *' },
    async handle() {
      const deleted = await auditQuery.purgeOlderThan(core.audit.retentionDays);
      if (deleted > 0) logger.info({ deleted, retentionDays: core.audit.retentionDays }, 'old audit entries deleted');
    },
  };
}
