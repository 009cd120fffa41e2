import type { Migration } from '@outpost/core';

export const migrations: Migration[] = [
  {
    name: '202611240900_devices',
    async up(knex) {
      await knex.schema.createTable('devices_groups', (t) => {
        t.string('id', 36).primary();
        t.string('tenant_id', 36).notNullable().references('id').inTable('core_tenants').onDelete('CASCADE');
        t.string('name', 100).notNullable();
        t.timestamp('created_at', { useTz: true }).notNullable();
        t.unique(['tenant_id', 'name']);
      });
      await knex.schema.createTable('devices_devices', (t) => {
        t.string('id', 36).primary();
        t.string('tenant_id', 36).notNullable().references('id').inTable('core_tenants').onDelete('CASCADE');
        // The short number people read out for Quick Connect; unique across the instance.
        t.string('short_id', 12).notNullable().unique();
        t.string('secret_hash', 64).notNullable();
        t.string('name', 200).notNullable();
        t.string('name_lower', 200).notNullable();
        t.string('group_id', 36).nullable().references('id').inTable('devices_groups').onDelete('SET NULL');
        t.text('tags').notNullable().defaultTo('[]');
        t.text('notes').notNullable().defaultTo('');
        t.string('notify_email', 254).nullable();
        t.boolean('sound').notNullable().defaultTo(false);
        t.string('permalink', 100).nullable();
        t.string('contact_id', 36).nullable();
        t.text('settings').notNullable().defaultTo('{}');
        t.string('hostname', 255).notNullable();
        t.string('os', 20).notNullable();
        t.string('os_name', 100).notNullable().defaultTo('');
        t.string('os_version', 100).notNullable().defaultTo('');
        t.string('agent_version', 40).notNullable().defaultTo('');
        t.text('facts').notNullable().defaultTo('{}');
        t.text('system_info').nullable();
        t.text('status_info').nullable();
        t.string('ip', 45).nullable();
        t.string('country', 2).nullable();
        t.string('city', 100).nullable();
        // Quota admission: active, limited (until limited_until) or disabled.
        t.string('admission', 10).notNullable().defaultTo('active');
        t.timestamp('limited_until', { useTz: true }).nullable();
        t.boolean('online').notNullable().defaultTo(false);
        t.boolean('service').notNullable().defaultTo(false);
        t.boolean('display').notNullable().defaultTo(false);
        t.string('instance_id', 36).nullable();
        t.integer('session_count').notNullable().defaultTo(0);
        t.string('enrollment_source', 40).notNullable();
        t.string('enrollment_ref', 100).notNullable();
        t.timestamp('created_at', { useTz: true }).notNullable();
        t.timestamp('first_connected_at', { useTz: true }).nullable();
        t.timestamp('last_seen_at', { useTz: true }).notNullable();
        t.timestamp('deleted_at', { useTz: true }).nullable();
        t.index(['tenant_id', 'name_lower', 'id']);
        t.index(['tenant_id', 'last_seen_at', 'id']);
        t.index(['tenant_id', 'created_at', 'id']);
        t.index(['tenant_id', 'deleted_at']);
        t.index(['enrollment_source', 'enrollment_ref']);
        t.unique(['tenant_id', 'permalink']);
      });
      await knex.schema.createTable('devices_tags', (t) => {
        t.string('device_id', 36).notNullable().references('id').inTable('devices_devices').onDelete('CASCADE');
        t.string('tenant_id', 36).notNullable();
        t.string('tag', 64).notNullable();
        t.primary(['device_id', 'tag']);
        t.index(['tenant_id', 'tag']);
      });
      await knex.schema.createTable('devices_favorites', (t) => {
        t.string('user_id', 36).notNullable().references('id').inTable('core_users').onDelete('CASCADE');
        t.string('device_id', 36).notNullable().references('id').inTable('devices_devices').onDelete('CASCADE');
        t.primary(['user_id', 'device_id']);
      });
      await knex.schema.createTable('devices_shares', (t) => {
        t.string('device_id', 36).notNullable().references('id').inTable('devices_devices').onDelete('CASCADE');
        t.string('user_id', 36).notNullable().references('id').inTable('core_users').onDelete('CASCADE');
        t.string('shared_by', 36).nullable();
        t.timestamp('created_at', { useTz: true }).notNullable();
        t.primary(['device_id', 'user_id']);
        t.index(['user_id']);
      });
      await knex.schema.createTable('devices_sessions', (t) => {
        t.string('id', 36).primary();
        t.string('device_id', 36).notNullable().references('id').inTable('devices_devices').onDelete('CASCADE');
        t.string('tenant_id', 36).notNullable();
        t.timestamp('connected_at', { useTz: true }).notNullable();
        t.timestamp('disconnected_at', { useTz: true }).nullable();
        t.string('ip', 45).nullable();
        t.string('agent_version', 40).notNullable().defaultTo('');
        t.string('end_reason', 200).nullable();
        t.index(['device_id', 'connected_at']);
      });
      await knex.schema.createTable('devices_screenshots', (t) => {
        t.string('device_id', 36).primary().references('id').inTable('devices_devices').onDelete('CASCADE');
        t.string('tenant_id', 36).notNullable();
        t.string('mime', 20).notNullable();
        t.binary('content').notNullable();
        t.integer('width').notNullable();
        t.integer('height').notNullable();
        t.timestamp('taken_at', { useTz: true }).notNullable();
      });
    },
    async down(knex) {
      for (const table of [
        'devices_screenshots',
        'devices_sessions',
        'devices_shares',
        'devices_favorites',
        'devices_tags',
        'devices_devices',
        'devices_groups',
      ]) {
        await knex.schema.dropTableIfExists(table);
      }
    },
  },
  {
    name: '202611250900_devices_operation_calls',
    async up(knex) {
      // Operations relayed to the instance that holds a device's channel (scale-out).
      await knex.schema.createTable('devices_operation_calls', (t) => {
        t.string('id', 36).primary();
        t.string('device_id', 36).notNullable().references('id').inTable('devices_devices').onDelete('CASCADE');
        t.string('instance_id', 36).notNullable();
        t.string('name', 100).notNullable();
        t.text('args').notNullable();
        t.text('result').nullable();
        t.text('error').nullable();
        t.timestamp('created_at', { useTz: true }).notNullable();
        t.timestamp('answered_at', { useTz: true }).nullable();
      });
    },
    async down(knex) {
      await knex.schema.dropTableIfExists('devices_operation_calls');
    },
  },
  {
    name: '202611290900_devices_enrollment_limits',
    async up(knex) {
      // Enrollments per code and per address in a sliding window are counted from these.
      await knex.schema.alterTable('devices_devices', (t) => {
        t.string('enrolled_ip', 45).nullable();
        t.index(['enrollment_source', 'enrollment_ref', 'created_at']);
        t.index(['enrolled_ip', 'created_at']);
        t.dropIndex(['enrollment_source', 'enrollment_ref']);
      });
    },
    async down(knex) {
      await knex.schema.alterTable('devices_devices', (t) => {
        t.index(['enrollment_source', 'enrollment_ref']);
        t.dropIndex(['enrolled_ip', 'created_at']);
        t.dropIndex(['enrollment_source', 'enrollment_ref', 'created_at']);
        t.dropColumn('enrolled_ip');
      });
    },
  },
];
