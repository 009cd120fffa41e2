import type { Migration } from '@outpost/core';

export const migrations: Migration[] = [
  {
    name: '202611281300_tickets',
    async up(knex) {
      await knex.schema.createTable('tickets_counters', (t) => {
        t.string('tenant_id', 36).primary().references('id').inTable('core_tenants').onDelete('CASCADE');
        t.integer('last_number').notNullable();
      });
      // Contacts, devices and users belong to other plugins and the core: no foreign keys
      // across plugins; names are looked up when shown.
      await knex.schema.createTable('tickets_tickets', (t) => {
        t.string('id', 36).primary();
        t.string('tenant_id', 36).notNullable().references('id').inTable('core_tenants').onDelete('CASCADE');
        t.integer('number').notNullable();
        t.string('subject', 200).notNullable();
        t.text('description').notNullable();
        t.string('priority', 10).notNullable();
        t.string('status', 12).notNullable();
        t.string('source', 10).notNullable();
        t.string('assignee_id', 36).nullable();
        t.string('contact_id', 36).nullable();
        t.string('device_id', 36).nullable();
        t.string('requester_email', 254).nullable();
        t.timestamp('created_at', { useTz: true }).notNullable();
        t.timestamp('updated_at', { useTz: true }).notNullable();
        t.unique(['tenant_id', 'number']);
        t.index(['tenant_id', 'status', 'number']);
        t.index(['tenant_id', 'contact_id']);
        t.index(['tenant_id', 'device_id']);
      });
      await knex.schema.createTable('tickets_messages', (t) => {
        t.string('id', 36).primary();
        t.string('ticket_id', 36).notNullable().references('id').inTable('tickets_tickets').onDelete('CASCADE');
        t.string('tenant_id', 36).notNullable();
        // reply: the team to the customer; note: the team only; customer: from the customer
        t.string('kind', 10).notNullable();
        t.string('author_id', 36).nullable();
        t.string('author_name', 254).notNullable();
        t.text('body').notNullable();
        t.timestamp('created_at', { useTz: true }).notNullable();
        t.index(['ticket_id', 'created_at']);
      });
      await knex.schema.createTable('tickets_history', (t) => {
        t.string('id', 36).primary();
        t.string('ticket_id', 36).notNullable().references('id').inTable('tickets_tickets').onDelete('CASCADE');
        t.string('tenant_id', 36).notNullable();
        t.string('actor_name', 254).notNullable();
        t.string('field', 20).notNullable();
        t.text('from_value').nullable();
        t.text('to_value').nullable();
        t.timestamp('created_at', { useTz: true }).notNullable();
        // Changes made at once share a time; this keeps their order.
        t.integer('position').notNullable().defaultTo(0);
        t.index(['ticket_id', 'created_at']);
      });
    },
    async down(knex) {
      for (const table of ['tickets_history', 'tickets_messages', 'tickets_tickets', 'tickets_counters'])
        await knex.schema.dropTableIfExists(table);
    },
  },
];
