import type { Migration } from '@outpost/core';

export const migrations: Migration[] = [
  {
    name: '202611281200_contacts',
    async up(knex) {
      await knex.schema.createTable('contacts_contacts', (t) => {
        t.string('id', 36).primary();
        t.string('tenant_id', 36).notNullable().references('id').inTable('core_tenants').onDelete('CASCADE');
        t.string('name', 200).notNullable();
        t.string('email', 254).nullable();
        t.string('phone', 50).nullable();
        t.string('company', 200).nullable();
        t.text('notes').notNullable().defaultTo('');
        t.timestamp('created_at', { useTz: true }).notNullable();
        t.timestamp('updated_at', { useTz: true }).notNullable();
        t.index(['tenant_id', 'name', 'id']);
        t.index(['tenant_id', 'email']);
      });
      // Devices are the devices plugin's: no foreign key across plugins; a link to a device
      // that is gone is left out of every answer (describe() knows only live devices).
      await knex.schema.createTable('contacts_devices', (t) => {
        t.string('contact_id', 36).notNullable().references('id').inTable('contacts_contacts').onDelete('CASCADE');
        t.string('device_id', 36).notNullable();
        t.string('tenant_id', 36).notNullable();
        t.timestamp('created_at', { useTz: true }).notNullable();
        t.primary(['contact_id', 'device_id']);
        t.index(['tenant_id', 'device_id']);
      });
    },
    async down(knex) {
      await knex.schema.dropTableIfExists('contacts_devices');
      await knex.schema.dropTableIfExists('contacts_contacts');
    },
  },
];
