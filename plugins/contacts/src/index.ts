export { contactsPlugin } from './plugin.js';
export * from './api.js';
export type { ContactDeletedEvent, ContactEvent, ContactLinkEvent, ContactsImportedEvent } from './events.js';
