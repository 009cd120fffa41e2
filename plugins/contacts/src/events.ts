import type { Static } from '@sinclair/typebox';
import type { eventSchemas } from './schemas.js';

/** Payloads of the contacts plugin's events, for subscribers in plugins that depend on it. */
/** `contacts.contact.created` and `contacts.contact.updated`. */
export type ContactEvent = Static<typeof eventSchemas.contact>;
/** `contacts.contact.deleted`. */
export type ContactDeletedEvent = Static<typeof eventSchemas.deleted>;
/** `contacts.device.linked` and `contacts.device.unlinked`. */
export type ContactLinkEvent = Static<typeof eventSchemas.link>;
/** `contacts.import.completed`. */
export type ContactsImportedEvent = Static<typeof eventSchemas.imported>;
