// The answers of the contacts API, typed from the schemas the routes answer with (../src).
import type { Static } from '@sinclair/typebox';
import type { Connection as ConnectionSchema, Contact as ContactSchema, DeviceSummary } from '../src/schemas.js';

export type { ImportReport } from '../src/csv.js';

export type Contact = Static<typeof ContactSchema>;

export interface ContactPage {
  items: Contact[];
  nextCursor: string | null;
}

/** A device linked to a contact. */
export type LinkedDevice = Static<typeof DeviceSummary>;

/** GET /contacts/:id: the contact with its linked devices. */
export type ContactWithDevices = Contact & { devices: LinkedDevice[] };

/** GET /contacts/:id/connections: when the contact's devices were connected. */
export type Connection = Static<typeof ConnectionSchema>;

/** A device found by GET /devices?q= (the devices plugin's list), with the fields the picker reads. */
export interface FoundDevice {
  id: string;
  name: string;
}
