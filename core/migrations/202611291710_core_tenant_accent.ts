import type { Knex } from 'knex';
import type { Migration } from '../src/plugins/types.js';

/** A tenant's brand color for the web app's accent (`#rrggbb`); null keeps Outpost's blue. */
export const coreTenantAccent: Migration = {
  name: '202611291710_core_tenant_accent',
  async up(knex: Knex) {
    await knex.schema.alterTable('core_tenants', (t) => {
      t.string('accent_color', 7).nullable();
    });
  },
  async down(knex: Knex) {
    await knex.schema.alterTable('core_tenants', (t) => {
      t.dropColumn('accent_color');
    });
  },
};
