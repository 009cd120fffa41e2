import type { Knex } from 'knex';
import type { Migration } from '../src/plugins/types.js';

/** The web app's theme an account chose: `system` (follows the device), `light` or `dark`. */
export const coreAccountTheme: Migration = {
  name: '202611291700_core_account_theme',
  async up(knex: Knex) {
    await knex.schema.alterTable('core_users', (t) => {
      t.string('theme', 16).notNullable().defaultTo('system');
    });
  },
  async down(knex: Knex) {
    await knex.schema.alterTable('core_users', (t) => {
      t.dropColumn('theme');
    });
  },
};
