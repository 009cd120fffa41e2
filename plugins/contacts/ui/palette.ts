// The contacts plugin's command palette providers (declared in src/plugin.ts, `ui.palette`; built into palette.js):
// contacts found by name, e-mail address or company, and "New contact".
import { api, registerPaletteProvider, t } from '@outpost/ui-sdk';
import type { ContactPage } from './api-types.js';

registerPaletteProvider({
  id: 'contacts',
  async search(query, signal) {
    const params = new URLSearchParams({ q: query, limit: '8' });
    const page = await api<ContactPage>('GET', `/contacts?${params}`, undefined, { signal });
    return page.items.map((contact) => ({
      id: contact.id,
      group: t('Contacts'),
      label: contact.name,
      detail: [contact.email, contact.company].filter(Boolean).join(' · '),
      icon: 'contacts',
      href: `/contacts/${contact.id}`,
    }));
  },
  actions: [
    {
      id: 'new-contact',
      group: t('Actions'),
      label: t('New contact'),
      keywords: [t('Add contact'), t('Create contact')],
      icon: 'contacts',
      permission: 'ticket.manage',
      href: '/contacts/new',
    },
  ],
});
