import type { Knex } from 'knex';
import type { Migration } from '../src/plugins/types.js';

/** Per-user UI preferences in each tenant (a table's columns and saved filters): one JSON value per key. */
export const coreUserPreferences: Migration = {
  name: '202611291400_core_user_preferences',
  async up(knex: Knex) {
    await knex.schema.createTable('core_user_preferences', (t) => {
      t.string('user_id', 36).notNullable().references('id').inTable('core_users').onDelete('CASCADE');
      t.string('tenant_id', 36).notNullable().references('id').inTable('core_tenants').onDelete('CASCADE');
      t.string('key', 100).notNullable();
      t.text('value').notNullable();
      t.timestamp('updated_at', { useTz: true }).notNullable();
      t.primary(['user_id', 'tenant_id', 'key']);
    });
  },
  async down(knex: Knex) {
    await knex.schema.dropTable('core_user_preferences');
  },
};
