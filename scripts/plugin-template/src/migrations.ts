import type { Migration } from '@outpost/core';

/** The plugin's tables, each named `__table___<name>`. */
export const migrations: Migration[] = [
  {
    name: '0001___table___items',
    async up(knex) {
      await knex.schema.createTable('__table___items', (t) => {
        t.string('id', 36).primary();
        t.string('tenant_id', 36).notNullable().references('id').inTable('core_tenants').onDelete('CASCADE');
        t.string('title', 200).notNullable();
        t.timestamp('created_at', { useTz: true }).notNullable();
        // Set by the process-item job, which the item's created event starts.
        t.timestamp('processed_at', { useTz: true }).nullable();
        t.index(['tenant_id', 'created_at']);
      });
    },
    async down(knex) {
      await knex.schema.dropTableIfExists('__table___items');
    },
  },
];
