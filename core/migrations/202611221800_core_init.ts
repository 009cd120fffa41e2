import type { Knex } from 'knex';
import type { Migration } from '../src/plugins/types.js';

/** Tenants, users and memberships (extended by the identity and tenancy work), jobs and schedules. */
export const coreInit: Migration = {
  name: '202611221800_core_init',
  async up(knex: Knex) {
    await knex.schema.createTable('core_tenants', (t) => {
      t.string('id', 36).primary();
      t.string('name', 200).notNullable();
      t.string('parent_id', 36).nullable().references('id').inTable('core_tenants');
      t.timestamp('created_at', { useTz: true }).notNullable();
    });
    await knex.schema.createTable('core_users', (t) => {
      t.string('id', 36).primary();
      t.string('email', 254).notNullable().unique();
      t.string('name', 200).notNullable().defaultTo('');
      t.string('password_hash', 255).nullable();
      t.boolean('must_change_password').notNullable().defaultTo(false);
      t.timestamp('created_at', { useTz: true }).notNullable();
    });
    await knex.schema.createTable('core_memberships', (t) => {
      t.string('user_id', 36).notNullable().references('id').inTable('core_users').onDelete('CASCADE');
      t.string('tenant_id', 36).notNullable().references('id').inTable('core_tenants').onDelete('CASCADE');
      t.string('role', 64).notNullable();
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.primary(['user_id', 'tenant_id']);
      t.index(['tenant_id']);
    });
    await knex.schema.createTable('core_jobs', (t) => {
      t.string('id', 36).primary();
      t.string('name', 200).notNullable();
      t.text('payload').notNullable();
      t.string('tenant_id', 36).nullable();
      t.string('status', 16).notNullable();
      t.integer('attempts').notNullable().defaultTo(0);
      t.integer('max_attempts').notNullable();
      t.integer('backoff_ms').notNullable();
      t.timestamp('run_at', { useTz: true }).notNullable();
      t.string('locked_by', 64).nullable();
      t.timestamp('lease_until', { useTz: true }).nullable();
      t.text('last_error').nullable();
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.timestamp('updated_at', { useTz: true }).notNullable();
      t.timestamp('finished_at', { useTz: true }).nullable();
      t.index(['status', 'run_at']);
      t.index(['status', 'lease_until']);
    });
    await knex.schema.createTable('core_schedules', (t) => {
      t.string('name', 200).primary();
      t.string('spec', 200).notNullable();
      t.timestamp('next_run_at', { useTz: true }).notNullable();
      t.timestamp('last_run_at', { useTz: true }).nullable();
    });
  },
  async down(knex: Knex) {
    await knex.schema.dropTable('core_schedules');
    await knex.schema.dropTable('core_jobs');
    await knex.schema.dropTable('core_memberships');
    await knex.schema.dropTable('core_users');
    await knex.schema.dropTable('core_tenants');
  },
};
