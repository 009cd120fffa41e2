// What the tickets plugin's browser modules share: the names of statuses, priorities and sources, the page styles,
// and live reloading.
import { type StreamEvent, css, html, pageStyles, stream, t } from '@outpost/ui-sdk';
import type {
  TicketCreatedEvent,
  TicketNoteAddedEvent,
  TicketRepliedEvent,
  TicketUpdatedEvent,
} from '../src/events.js';
import type { Ticket, TicketPriority, TicketSource, TicketStatus } from './api-types.js';

export const statusLabels: Record<TicketStatus, string> = {
  open: 'Open',
  in_progress: 'In Progress',
  waiting: 'Waiting',
  resolved: 'Resolved',
  closed: 'Closed',
};
export const priorityLabels: Record<TicketPriority, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  urgent: 'Urgent',
};
export const sourceLabels: Record<TicketSource, string> = {
  portal: 'Portal',
  dashboard: 'Dashboard',
  widget: 'Widget',
};

/** The label of a value that may be one of `labels`' keys (history entries carry plain strings), else the value. */
export function labelOf(labels: Record<string, string>, value: string): string {
  return t(labels[value] ?? value);
}

/** Badges colored by status and priority (`<span class="badge open">`). */
export const badgeStyles = css`
  .badge.open { background: #dbeafe; color: #1e40af; }
  .badge.in_progress { background: #fef9c3; color: #854d0e; }
  .badge.waiting { background: #ede9fe; color: #5b21b6; }
  .badge.resolved, .badge.closed { background: #dcfce7; color: #166534; }
  .badge.urgent { background: #fee2e2; color: #991b1b; }
  .badge.high { background: #ffedd5; color: #9a3412; }
`;

/** The look of the tickets pages and panels. */
export const styles = [
  pageStyles,
  badgeStyles,
  css`
    table.compact th, table.compact td { padding-block: var(--wa-space-3xs); }
    .filters { display: flex; flex-wrap: wrap; gap: 0.6rem; align-items: end; margin-bottom: 0.75rem; }
    .layout { display: grid; grid-template-columns: minmax(0, 1fr) 18rem; gap: 1rem; align-items: start; }
    article { border-left: 3px solid #cbd5e1; padding: 0.3rem 0.9rem; margin: 0 0 0.9rem; }
    article.reply { border-color: #1d4ed8; }
    article.note { border-color: #f59e0b; background: #fffbeb; }
    article p.body { white-space: pre-wrap; margin: 0.25rem 0 0; }
    .composer textarea { width: 100%; min-height: 6rem; }
    .composer div { display: flex; gap: 0.5rem; margin-top: 0.5rem; flex-wrap: wrap; }
    ol.history { padding-left: 1.1rem; margin: 0; font-size: 0.85rem; }
    @media (max-width: 800px) {
      .layout { grid-template-columns: 1fr; }
    }
  `,
];

/** `<option>`s for each label, `selected` chosen (the default a form resets to, and the current choice when it changes). */
export const options = (labels: Record<string, string>, selected?: string) =>
  Object.entries(labels).map(
    ([value, label]) =>
      html`<option value=${value} ?selected=${value === selected} .selected=${value === selected}>${t(label)}</option>`,
  );

/** Opens a ticket's page in the web app. */
export function showTicket(ticket: Pick<Ticket, 'id'>): void {
  history.pushState(null, '', `/tickets/${ticket.id}`);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

/** An event of one of `ticketTopics`: each payload names the ticket by `id`. */
type TicketNews = StreamEvent<TicketCreatedEvent | TicketUpdatedEvent | TicketRepliedEvent | TicketNoteAddedEvent>;

const ticketTopics = [
  'tickets.ticket.created',
  'tickets.ticket.updated',
  'tickets.ticket.replied',
  'tickets.note.added',
];

/** Reloads when any ticket changes; `matches(event)` narrows it. Returns the unsubscribe function. */
export function onTicketNews(reload: () => void, matches: (event: TicketNews) => boolean = () => true): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const unsubscribes = ticketTopics.map((topic) =>
    stream.subscribe(topic, (event) => {
      if (!matches(event as TicketNews)) return;
      clearTimeout(timer);
      timer = setTimeout(reload, 300);
    }),
  );
  return () => {
    clearTimeout(timer);
    for (const unsubscribe of unsubscribes) unsubscribe();
  };
}
