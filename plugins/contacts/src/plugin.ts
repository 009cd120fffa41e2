import { createTenantScope, definePlugin, defineService } from '@outpost/core';
import { deviceDirectoryRef } from '@outpost/plugin-devices';
import { type ContactSummary, contactDirectoryRef } from './api.js';
import { importContacts } from './csv.js';
import { migrations } from './migrations.js';
import { contactsRef } from './refs.js';
import { routes } from './routes.js';
import { eventSchemas } from './schemas.js';
import { type ContactRow, ContactService } from './service.js';

const summary = (row: ContactRow): ContactSummary => ({
  id: row.id,
  name: row.name,
  email: row.email,
  company: row.company,
});

export const contactsPlugin = definePlugin({
  id: 'contacts',
  dependencies: ['devices'],
  // Tickets and contacts share these (tickets depends on contacts, so contacts declares them and
  // works without tickets). Named before plugins named theirs; stored in custom roles and API keys.
  permissions: [
    { id: 'ticket.view', description: 'See tickets and contacts', roles: ['admin', 'member', 'viewer'] },
    { id: 'ticket.manage', description: 'Create, answer, assign and close tickets', roles: ['admin', 'member'] },
  ],
  migrations,
  services: [
    defineService({
      ref: contactsRef,
      create(context) {
        const service = new ContactService(context.db, context.events, context.get(deviceDirectoryRef));
        return { service, import: (tenant, csv) => importContacts(context.db, tenant, context.events, service, csv) };
      },
    }),
    defineService({
      ref: contactDirectoryRef,
      create(context) {
        const { service } = context.get(contactsRef);
        const db = context.db;
        return {
          async describe(tenantId, ids) {
            if (ids.length === 0) return [];
            return (
              (await db('contacts_contacts')
                .where({ tenant_id: tenantId })
                .whereIn('id', ids)
                .orderBy('name')) as ContactRow[]
            ).map(summary);
          },
          async findOrCreateByEmail(tenantId, email, name) {
            const address = email.trim().toLowerCase();
            const found = (await db('contacts_contacts')
              .where({ tenant_id: tenantId, email: address })
              .orderBy('created_at')
              .first()) as ContactRow | undefined;
            if (found) return summary(found);
            const created = await service.create(createTenantScope(db, tenantId), {
              name: name?.trim() || address,
              email: address,
              phone: null,
              company: null,
              notes: '',
            });
            return { id: created.id, name: created.name, email: created.email, company: created.company };
          },
          async ofDevice(tenantId, deviceId) {
            const linked = db('contacts_devices')
              .where({ tenant_id: tenantId, device_id: deviceId })
              .select('contact_id');
            return (
              (await db('contacts_contacts')
                .where({ tenant_id: tenantId })
                .whereIn('id', linked)
                .orderBy('name')) as ContactRow[]
            ).map(summary);
          },
        };
      },
    }),
  ],
  events: {
    'contacts.contact.created': {
      schema: eventSchemas.contact,
      permission: 'ticket.view',
      description: 'A contact was added (by hand or from a widget ticket)',
    },
    'contacts.contact.updated': {
      schema: eventSchemas.contact,
      permission: 'ticket.view',
      description: 'A contact was changed',
    },
    'contacts.contact.deleted': {
      schema: eventSchemas.deleted,
      permission: 'ticket.view',
      description: 'A contact was deleted',
    },
    'contacts.device.linked': {
      schema: eventSchemas.link,
      permission: 'ticket.view',
      description: 'A device was linked to a contact',
    },
    'contacts.device.unlinked': {
      schema: eventSchemas.link,
      permission: 'ticket.view',
      description: 'A device was unlinked from a contact',
    },
    'contacts.import.completed': {
      schema: eventSchemas.imported,
      permission: 'ticket.view',
      description: 'A CSV import finished: contacts accepted and lines rejected',
    },
  },
  routes,
  ui: {
    palette: [{ module: 'palette.js', permission: 'ticket.view' }],
    nav: [
      { label: 'Contacts', icon: 'contacts', path: '/contacts', permission: 'ticket.view', section: 'work', order: 30 },
    ],
    extensions: [{ point: 'devices.device.details', element: 'contacts-device-panel', permission: 'ticket.view' }],
    homeActions: [{ label: 'Add Contact', path: '/contacts/new', permission: 'ticket.manage' }],
  },
});
