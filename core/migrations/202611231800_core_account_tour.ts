import type { Knex } from 'knex';
import type { Migration } from '../src/plugins/types.js';

/** Whether the user has finished or skipped the first-sign-in knowledge tour. */
export const coreAccountTour: Migration = {
  name: '202611231800_core_account_tour',
  async up(knex: Knex) {
    await knex.schema.alterTable('core_users', (t) => {
      t.boolean('tour_completed').notNullable().defaultTo(false);
    });
  },
  async down(knex: Knex) {
    await knex.schema.alterTable('core_users', (t) => {
      t.dropColumn('tour_completed');
    });
  },
};
