// What the tickets plugin's browser modules share: the names of statuses, priorities and sources, and live reloading.
const { css, stream } = window.Outpost;

export const statusLabels = {
  open: 'Open',
  in_progress: 'In Progress',
  waiting: 'Waiting',
  resolved: 'Resolved',
  closed: 'Closed',
};
export const priorityLabels = { low: 'Low', medium: 'Medium', high: 'High', urgent: 'Urgent' };
export const sourceLabels = { portal: 'Portal', dashboard: 'Dashboard', widget: 'Widget' };

/** Badges colored by status and priority (`<span class="badge open">`). */
export const badgeStyles = css`
  .badge.open { background: #dbeafe; color: #1e40af; }
  .badge.in_progress { background: #fef9c3; color: #854d0e; }
  .badge.waiting { background: #ede9fe; color: #5b21b6; }
  .badge.resolved, .badge.closed { background: #dcfce7; color: #166534; }
  .badge.urgent { background: #fee2e2; color: #991b1b; }
  .badge.high { background: #ffedd5; color: #9a3412; }
`;

/** Reloads when any ticket changes; `matches(event)` narrows it. Returns the unsubscribe function. */
export function onTicketNews(reload, matches = () => true) {
  let timer;
  const unsubscribes = [
    'tickets.ticket.created',
    'tickets.ticket.updated',
    'tickets.ticket.replied',
    'tickets.note.added',
  ].map((topic) =>
    stream.subscribe(topic, (event) => {
      if (!matches(event)) return;
      clearTimeout(timer);
      timer = setTimeout(reload, 300);
    }),
  );
  return () => {
    clearTimeout(timer);
    for (const unsubscribe of unsubscribes) unsubscribe();
  };
}
