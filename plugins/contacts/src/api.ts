import { createServiceRef } from '@outpost/core';

export interface ContactSummary {
  id: string;
  name: string;
  email: string | null;
  company: string | null;
}

/** What other plugins may ask about contacts (the tickets plugin). */
export interface ContactDirectory {
  /** The tenant's contacts among these ids; ids of other tenants are left out. */
  describe(tenantId: string, ids: string[]): Promise<ContactSummary[]>;
  /** The tenant's contact with this e-mail, created (named after the e-mail unless a name is given) when there is none. */
  findOrCreateByEmail(tenantId: string, email: string, name?: string): Promise<ContactSummary>;
  /** The contacts a device is linked to. */
  ofDevice(tenantId: string, deviceId: string): Promise<ContactSummary[]>;
}

export const contactDirectoryRef = createServiceRef<ContactDirectory>('contacts.directory');
