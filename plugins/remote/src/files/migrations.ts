import type { Migration } from '@outpost/core';

/** The file-transfer log and each device's remote settings (the terminal's user). */
export const filesMigration: Migration = {
  name: '0002_remote_files',
  async up(knex) {
    // Sessions, devices and users: no foreign keys across plugins, and the log outlives its session.
    await knex.schema.createTable('remote_file_transfers', (t) => {
      t.string('id', 36).primary();
      t.string('tenant_id', 36).notNullable().references('id').inTable('core_tenants').onDelete('CASCADE');
      t.string('session_id', 36).notNullable();
      t.string('device_id', 36).notNullable();
      t.string('user_id', 36).notNullable();
      t.string('path', 4096).notNullable();
      t.string('name', 255).notNullable();
      t.bigInteger('size').notNullable();
      t.bigInteger('bytes').notNullable();
      t.string('direction', 16).notNullable();
      t.string('result', 16).notNullable();
      t.string('error', 500).nullable();
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.index(['tenant_id', 'created_at']);
      t.index(['tenant_id', 'device_id', 'created_at']);
      t.index(['session_id']);
    });
    await knex.schema.createTable('remote_device_settings', (t) => {
      t.string('device_id', 36).primary();
      t.string('tenant_id', 36).notNullable().references('id').inTable('core_tenants').onDelete('CASCADE');
      t.string('terminal_user', 32).nullable();
      t.timestamp('updated_at', { useTz: true }).notNullable();
      t.string('updated_by_user_id', 36).nullable();
      t.index(['tenant_id']);
    });
  },
  async down(knex) {
    await knex.schema.dropTableIfExists('remote_device_settings');
    await knex.schema.dropTableIfExists('remote_file_transfers');
  },
};
