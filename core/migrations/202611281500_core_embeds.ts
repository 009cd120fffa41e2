import type { Knex } from 'knex';
import type { Migration } from '../src/plugins/types.js';

/** Widgets tenants embed in their own websites: a public key each, and the plugin's settings. */
export const coreEmbeds: Migration = {
  name: '202611281500_core_embeds',
  async up(knex: Knex) {
    await knex.schema.createTable('core_embeds', (t) => {
      t.string('key', 32).primary();
      t.string('tenant_id', 36).notNullable().references('id').inTable('core_tenants').onDelete('CASCADE');
      t.string('kind', 60).notNullable();
      t.text('settings').notNullable();
      t.timestamp('updated_at', { useTz: true }).notNullable();
      t.unique(['tenant_id', 'kind']);
    });
  },
  async down(knex: Knex) {
    await knex.schema.dropTable('core_embeds');
  },
};
