// The tickets plugin's command palette providers (declared in src/plugin.ts, `ui.palette`; built into palette.js):
// tickets found by number (#12 or 12) or subject, and "New ticket".
import { api, registerPaletteProvider, t } from '@outpost/ui-sdk';
import type { TicketPage } from './api-types.js';
import { labelOf, statusLabels } from './shared.js';

registerPaletteProvider({
  id: 'tickets',
  async search(query, signal) {
    const params = new URLSearchParams({ q: query, limit: '8' });
    const page = await api<TicketPage>('GET', `/tickets?${params}`, undefined, { signal });
    return page.items.map((ticket) => ({
      id: ticket.id,
      group: t('Tickets'),
      label: `#${ticket.number} ${ticket.subject}`,
      detail: [labelOf(statusLabels, ticket.status), ticket.contact?.name].filter(Boolean).join(' · '),
      icon: 'tickets',
      href: `/tickets/${ticket.id}`,
    }));
  },
  actions: [
    {
      id: 'new-ticket',
      group: t('Actions'),
      label: t('New ticket'),
      keywords: [t('Create ticket'), t('Open a ticket')],
      icon: 'tickets',
      permission: 'ticket.manage',
      href: '/tickets/new',
    },
  ],
});
