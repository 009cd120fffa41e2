import { createServiceRef, type TenantScope } from '@outpost/core';
import type { ImportReport } from './csv.js';
import type { ContactService } from './service.js';

/** The plugin's own wiring: the service and the import bound to its database and event bus. */
export interface ContactsPlugin {
  service: ContactService;
  import(tenant: TenantScope, csv: string): Promise<ImportReport>;
}

export const contactsRef = createServiceRef<ContactsPlugin>('contacts.internals');
