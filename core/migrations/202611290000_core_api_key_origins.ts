import type { Knex } from 'knex';
import type { Migration } from '../src/plugins/types.js';

/** Where each API key was created and last used from (IP and user agent), for the keys page. */
export const coreApiKeyOrigins: Migration = {
  name: '202611290000_core_api_key_origins',
  async up(knex: Knex) {
    await knex.schema.alterTable('core_api_keys', (t) => {
      t.string('created_ip', 64).nullable();
      t.string('created_user_agent', 512).nullable();
      t.string('last_used_ip', 64).nullable();
      t.string('last_used_user_agent', 512).nullable();
    });
  },
  async down(knex: Knex) {
    // Plain DROP COLUMN (SQLite 3.35+ and PostgreSQL): knex rebuilds SQLite tables instead, and dropping the old
    // copy inside the migration's transaction, where foreign keys stay on, would cascade into core_api_key_usage.
    for (const column of ['created_ip', 'created_user_agent', 'last_used_ip', 'last_used_user_agent']) {
      await knex.raw('alter table ?? drop column ??', ['core_api_keys', column]);
    }
  },
};
