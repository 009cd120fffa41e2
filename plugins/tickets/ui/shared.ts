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

const variants: Record<string, string> = {
  open: 'brand',
  in_progress: 'warning',
  waiting: 'neutral',
  resolved: 'success',
  closed: 'success',
  urgent: 'danger',
  high: 'warning',
  medium: 'neutral',
  low: 'neutral',
};

/** A status or priority as a `wa-badge` colored by its value. */
export const badge = (labels: Record<string, string>, value: string) =>
  html`<wa-badge variant=${variants[value] ?? 'neutral'}>${t(labels[value] ?? value)}</wa-badge>`;

/** The look of the tickets pages and panels. */
export const styles = [
  pageStyles,
  css`
    table.compact th, table.compact td { padding-block: var(--wa-space-3xs); }
    .filters { display: flex; flex-wrap: wrap; gap: var(--wa-space-xs); align-items: end; margin-bottom: var(--wa-space-s); }
    .filters wa-input, .filters wa-select { margin-block: 0; }
    .layout { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 36ch); gap: var(--wa-space-m); align-items: start; }
    article { border-inline-start: var(--wa-border-width-l) solid var(--wa-color-neutral-border-normal); padding: var(--wa-space-2xs) var(--wa-space-m); margin: 0 0 var(--wa-space-m); }
    article.reply { border-color: var(--wa-color-brand-border-loud); }
    article.note { border-color: var(--wa-color-warning-border-loud); background: var(--wa-color-warning-fill-quiet); color: var(--wa-color-warning-on-quiet); }
    article p.body { white-space: pre-wrap; margin: var(--wa-space-3xs) 0 0; }
    .composer div { display: flex; gap: var(--wa-space-xs); margin-top: var(--wa-space-xs); flex-wrap: wrap; }
    ol.history { padding-inline-start: var(--wa-space-l); margin: 0; font-size: var(--wa-font-size-s); }
    @media (max-width: 800px) {
      .layout { grid-template-columns: 1fr; }
    }
  `,
];

/** The value of a select's "Any" / "Nobody" option (an option's value cannot be empty). */
export const noChoice = '-';

/** What a select chose: '' for `noChoice`. */
export const chosen = (value: string) => (value === noChoice ? '' : value);

/** `<wa-option>`s for each label (the select's `value` picks one). */
export const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => html`<wa-option value=${value}>${t(label)}</wa-option>`);

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
