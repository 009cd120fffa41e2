import type { Knex } from 'knex';
import type { Migration } from '../src/plugins/types.js';

/** Custom roles, team invitations, and each tenant's plan and quota state. */
export const coreTenancy: Migration = {
  name: '202611231200_core_tenancy',
  async up(knex: Knex) {
    await knex.schema.alterTable('core_tenants', (t) => {
      t.string('plan', 64).nullable();
      t.timestamp('device_limit_exceeded_at', { useTz: true }).nullable();
    });
    await knex.schema.createTable('core_roles', (t) => {
      t.string('id', 36).primary();
      t.string('tenant_id', 36).notNullable().references('id').inTable('core_tenants').onDelete('CASCADE');
      t.string('name', 64).notNullable();
      t.text('permissions').notNullable();
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.unique(['tenant_id', 'name']);
    });
    await knex.schema.createTable('core_invitations', (t) => {
      t.string('id', 36).primary();
      t.string('tenant_id', 36).notNullable().references('id').inTable('core_tenants').onDelete('CASCADE');
      t.string('email', 254).notNullable();
      t.string('role', 64).notNullable();
      t.string('token_hash', 64).notNullable().unique();
      t.string('invited_by', 36).nullable().references('id').inTable('core_users').onDelete('SET NULL');
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.timestamp('expires_at', { useTz: true }).notNullable();
      t.timestamp('accepted_at', { useTz: true }).nullable();
      t.timestamp('revoked_at', { useTz: true }).nullable();
      t.index(['tenant_id']);
    });
  },
  async down(knex: Knex) {
    await knex.schema.dropTable('core_invitations');
    await knex.schema.dropTable('core_roles');
    await knex.schema.alterTable('core_tenants', (t) => {
      t.dropColumn('device_limit_exceeded_at');
      t.dropColumn('plan');
    });
  },
};
