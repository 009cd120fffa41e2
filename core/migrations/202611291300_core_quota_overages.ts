import type { Knex } from 'knex';
import type { Migration } from '../src/plugins/types.js';

/**
 * When each tenant first went over a plan limit, per counter, instead of a devices
 * column on core_tenants: quotas are generic named counters that plugins register.
 */
export const coreQuotaOverages: Migration = {
  name: '202611291300_core_quota_overages',
  async up(knex: Knex) {
    await knex.schema.createTable('core_quota_overages', (t) => {
      t.string('tenant_id', 36).notNullable().references('id').inTable('core_tenants').onDelete('CASCADE');
      t.string('counter', 64).notNullable();
      t.string('claim', 36).notNullable();
      t.timestamp('since', { useTz: true }).notNullable();
      t.primary(['tenant_id', 'counter']);
    });
    const over = await knex('core_tenants')
      .whereNotNull('device_limit_exceeded_at')
      .select('id', 'device_limit_exceeded_at as since');
    for (const row of over)
      await knex('core_quota_overages').insert({
        tenant_id: row.id,
        counter: 'devices',
        claim: row.id,
        since: row.since,
      });
    // Plain DROP COLUMN (SQLite 3.35+ and PostgreSQL), as in 202611290000_core_api_key_origins.
    await knex.raw('alter table ?? drop column ??', ['core_tenants', 'device_limit_exceeded_at']);
  },
  async down(knex: Knex) {
    await knex.schema.alterTable('core_tenants', (t) => {
      t.timestamp('device_limit_exceeded_at', { useTz: true }).nullable();
    });
    for (const row of await knex('core_quota_overages').where({ counter: 'devices' }).select('tenant_id', 'since'))
      await knex('core_tenants').where({ id: row.tenant_id }).update({ device_limit_exceeded_at: row.since });
    await knex.schema.dropTable('core_quota_overages');
  },
};
