import type { Migration } from '@outpost/core';
import { filesMigration } from './files/migrations.js';

/** The plugin's tables, each named `remote_<name>`; one migration per part, appended in order. */
export const migrations: Migration[] = [
  {
    name: '0001_remote_sessions',
    async up(knex) {
      // Devices and users belong to the devices plugin and the core: no foreign keys across plugins.
      await knex.schema.createTable('remote_sessions', (t) => {
        t.string('id', 36).primary();
        t.string('tenant_id', 36).notNullable().references('id').inTable('core_tenants').onDelete('CASCADE');
        t.string('device_id', 36).notNullable();
        t.string('user_id', 36).notNullable();
        t.string('kind', 32).notNullable();
        t.timestamp('started_at', { useTz: true }).notNullable();
        t.timestamp('ended_at', { useTz: true }).nullable();
        t.string('end_reason', 200).nullable();
        t.string('ended_by_user_id', 36).nullable();
        t.bigInteger('bytes_to_device').notNullable().defaultTo(0);
        t.bigInteger('bytes_from_device').notNullable().defaultTo(0);
        // No user was signed in at the device when the session started.
        t.boolean('unattended').notNullable().defaultTo(false);
        // The instances holding each end; a tunnel whose ends differ is bridged between them.
        t.string('browser_instance_id', 36).nullable();
        t.string('agent_instance_id', 36).nullable();
        // SHA-256 of the one-time tunnel token (cleared when used) and of the bridge's peer secret.
        t.string('token_hash', 64).nullable();
        t.timestamp('token_expires_at', { useTz: true }).nullable();
        t.string('peer_hash', 64).nullable();
        t.index(['tenant_id', 'started_at']);
        t.index(['tenant_id', 'device_id', 'started_at']);
        t.index(['device_id', 'ended_at']);
        t.index(['tenant_id', 'ended_at']);
      });
      await knex.schema.createTable('remote_instances', (t) => {
        t.string('id', 36).primary();
        t.string('url', 300).notNullable();
        t.timestamp('started_at', { useTz: true }).notNullable();
      });
    },
    async down(knex) {
      await knex.schema.dropTableIfExists('remote_instances');
      await knex.schema.dropTableIfExists('remote_sessions');
    },
  },
  filesMigration,
];
