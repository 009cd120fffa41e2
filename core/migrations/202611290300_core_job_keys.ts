import type { Knex } from 'knex';
import type { Migration } from '../src/plugins/types.js';

/** A job's idempotency key: a second enqueue of the same job name and key stores nothing while the first row exists. */
export const coreJobKeys: Migration = {
  name: '202611290300_core_job_keys',
  async up(knex: Knex) {
    await knex.schema.alterTable('core_jobs', (t) => {
      t.string('idempotency_key', 200).nullable();
      t.unique(['name', 'idempotency_key'], { indexName: 'core_jobs_name_idempotency_key_unique' });
    });
  },
  async down(knex: Knex) {
    await knex.schema.alterTable('core_jobs', (t) => {
      t.dropUnique(['name', 'idempotency_key'], 'core_jobs_name_idempotency_key_unique');
    });
    // Plain DROP COLUMN (SQLite 3.35+ and PostgreSQL), as in 202611290000_core_api_key_origins.
    await knex.raw('alter table ?? drop column ??', ['core_jobs', 'idempotency_key']);
  },
};
