import type { Migration } from '@outpost/core';
import type { Knex } from 'knex';

/** The code-entry widget's own table, before its settings moved to the core's embeds. */
const createWidgetTable = (knex: Knex) =>
  knex.schema.createTable('invites_widget', (t) => {
    t.string('tenant_id', 36).primary().references('id').inTable('core_tenants').onDelete('CASCADE');
    t.string('key', 32).notNullable().unique();
    t.string('color', 7).notNullable();
    t.string('position', 12).notNullable();
    t.string('greeting', 200).notNullable();
    t.text('allowed_origins').notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
  });

export const migrations: Migration[] = [
  {
    name: '202611241000_invites',
    up: (knex) =>
      knex.schema.createTable('invites_invites', (t) => {
        t.string('id', 36).primary();
        t.string('tenant_id', 36).notNullable().references('id').inTable('core_tenants').onDelete('CASCADE');
        t.string('code', 12).notNullable().unique();
        t.string('name', 100).notNullable();
        t.string('group_id', 36).nullable();
        t.timestamp('expires_at', { useTz: true }).nullable();
        t.string('created_by', 36).nullable();
        t.timestamp('created_at', { useTz: true }).notNullable();
        t.index(['tenant_id', 'created_at']);
      }),
    down: (knex) => knex.schema.dropTable('invites_invites'),
  },
  {
    name: '202611251000_invites_branding',
    up: (knex) =>
      knex.schema.createTable('invites_branding', (t) => {
        t.string('tenant_id', 36).primary().references('id').inTable('core_tenants').onDelete('CASCADE');
        t.string('company_name', 100).notNullable();
        t.string('primary_color', 7).notNullable();
        t.text('logo').nullable();
        t.timestamp('updated_at', { useTz: true }).notNullable();
      }),
    down: (knex) => knex.schema.dropTable('invites_branding'),
  },
  {
    name: '202611251100_invites_deployments',
    up: (knex) =>
      knex.schema.createTable('invites_deployments', (t) => {
        t.string('id', 36).primary();
        t.string('tenant_id', 36).notNullable().references('id').inTable('core_tenants').onDelete('CASCADE');
        t.string('name', 100).notNullable();
        t.string('code', 12).notNullable().unique();
        t.string('group_id', 36).nullable();
        t.integer('expected_count').notNullable();
        t.string('sso_code', 64).nullable();
        t.string('status', 12).notNullable();
        t.timestamp('created_at', { useTz: true }).notNullable();
        t.timestamp('completed_at', { useTz: true }).nullable();
        t.index(['tenant_id', 'created_at']);
      }),
    down: (knex) => knex.schema.dropTable('invites_deployments'),
  },
  {
    name: '202611251200_invites_support',
    up: (knex) =>
      knex.schema.createTable('invites_support', (t) => {
        t.string('id', 36).primary();
        t.string('tenant_id', 36).notNullable().references('id').inTable('core_tenants').onDelete('CASCADE');
        t.string('code', 12).notNullable().unique();
        t.string('client_name', 100).notNullable();
        t.string('technician_id', 36).nullable();
        t.string('technician_name', 254).notNullable();
        t.string('status', 10).notNullable();
        t.boolean('open_window_in_advance').notNullable().defaultTo(false);
        t.boolean('sound').notNullable().defaultTo(true);
        t.string('device_id', 36).nullable();
        t.timestamp('created_at', { useTz: true }).notNullable();
        t.timestamp('connected_at', { useTz: true }).nullable();
        t.timestamp('ended_at', { useTz: true }).nullable();
        t.index(['tenant_id', 'created_at']);
      }),
    down: (knex) => knex.schema.dropTable('invites_support'),
  },
  {
    name: '202611281000_invites_widget',
    up: createWidgetTable,
    down: (knex) => knex.schema.dropTable('invites_widget'),
  },
  {
    name: '202611281100_invites_client_urls',
    up: (knex) =>
      knex.schema.alterTable('invites_branding', (t) => {
        for (const os of ['windows', 'macos', 'linux']) t.string(`client_url_${os}`, 2000).nullable();
      }),
    down: (knex) =>
      knex.schema.alterTable('invites_branding', (t) => {
        for (const os of ['windows', 'macos', 'linux']) t.dropColumn(`client_url_${os}`);
      }),
  },
  {
    // The widget's settings moved to the core's embeds (one store for every embeddable widget).
    name: '202611281600_invites_widget_to_core_embeds',
    async up(knex) {
      const rows = await knex('invites_widget').select();
      for (const row of rows) {
        const settings = {
          color: row.color,
          position: row.position,
          greeting: row.greeting,
          allowedOrigins: JSON.parse(row.allowed_origins),
        };
        await knex('core_embeds').insert({
          key: row.key,
          tenant_id: row.tenant_id,
          kind: 'invites.code-widget',
          settings: JSON.stringify(settings),
          updated_at: row.updated_at,
        });
      }
      await knex.schema.dropTable('invites_widget');
    },
    async down(knex) {
      await createWidgetTable(knex);
      const rows = await knex('core_embeds').where({ kind: 'invites.code-widget' }).select();
      for (const row of rows) {
        const settings = JSON.parse(row.settings);
        await knex('invites_widget').insert({
          tenant_id: row.tenant_id,
          key: row.key,
          color: settings.color,
          position: settings.position,
          greeting: settings.greeting,
          allowed_origins: JSON.stringify(settings.allowedOrigins),
          updated_at: row.updated_at,
        });
      }
      await knex('core_embeds').where({ kind: 'invites.code-widget' }).delete();
    },
  },
  {
    name: '202611290900_invites_max_devices',
    up: (knex) => knex.schema.alterTable('invites_invites', (t) => t.integer('max_devices').nullable()),
    down: (knex) => knex.schema.alterTable('invites_invites', (t) => t.dropColumn('max_devices')),
  },
];
