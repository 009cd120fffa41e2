import { css } from '@outpost/ui-sdk';

/** The devices list's own look: the bulk bar, lines that become cards below 768 px, tiles. */
export const listStyles = css`
  .bulk { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; background: #eff6ff; border-radius: 8px; padding: 0.5rem 0.75rem; margin-bottom: 0.75rem; }
  table { width: 100%; border-collapse: collapse; background: #fff; border-radius: 8px; overflow: hidden; box-shadow: 0 1px 2px rgb(0 0 0 / 0.08); }
  th, td { text-align: left; padding: 0.55rem 0.7rem; border-bottom: 1px solid #e5e7eb; vertical-align: middle; }
  table.compact th, table.compact td { padding-block: var(--wa-space-3xs); }
  th { background: #f8fafc; font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.03em; color: #475569; }
  td a { color: #1d4ed8; font-weight: 600; text-decoration: none; }
  .star { all: unset; cursor: pointer; font-size: 1.1rem; color: #cbd5e1; }
  .star[aria-pressed='true'] { color: #f59e0b; }
  .star:focus-visible { outline: 2px solid #1d4ed8; }
  h2 { font-size: 1rem; margin: 1.25rem 0 0.5rem; color: #334155; }
  .tiles { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: 1rem; }
  .tile { background: #fff; border-radius: 10px; box-shadow: 0 1px 2px rgb(0 0 0 / 0.1); overflow: hidden; }
  .tile .shot { aspect-ratio: 16 / 10; background: #0f172a; color: #cbd5e1; display: flex; align-items: center; justify-content: center; font-size: 0.85rem; text-align: center; padding: 0.5rem; box-sizing: border-box; }
  .tile img { width: 100%; aspect-ratio: 16 / 10; object-fit: cover; display: block; background: #0f172a; }
  .tile .body { padding: 0.6rem 0.8rem; }
  .tile a { color: inherit; text-decoration: none; font-weight: 600; }
  .more { margin-top: 1rem; text-align: center; }
  @media (max-width: 767px) {
    table, thead, tbody, tr, td { display: block; }
    thead { display: none; }
    tr { background: #fff; border-radius: 10px; margin-bottom: 0.75rem; padding: 0.5rem; box-shadow: 0 1px 2px rgb(0 0 0 / 0.1); }
    td { border: none; padding: 0.25rem 0.5rem; }
    td[data-label]::before { content: attr(data-label) ': '; color: #64748b; font-size: 0.8rem; }
  }
`;
