// The devices list's own look: the bulk bar, the favorite star, tiles and the "Load more" row. Tables, headings
// and the phone's cards come from the shell's pageStyles.
import { css } from '@outpost/ui-sdk';

export const listStyles = css`
  .bulk { display: flex; gap: var(--wa-space-xs); align-items: end; flex-wrap: wrap; background: var(--wa-color-brand-fill-quiet); color: var(--wa-color-brand-on-quiet); border-radius: var(--wa-border-radius-l); padding: var(--wa-space-xs) var(--wa-space-s); margin-bottom: var(--wa-space-s); }
  .bulk wa-input, .bulk wa-select { margin-block: 0; }
  table { background: var(--wa-color-surface-raised); border-radius: var(--wa-border-radius-l); overflow: hidden; box-shadow: var(--wa-shadow-s); }
  th, td { vertical-align: middle; }
  table.compact th, table.compact td { padding-block: var(--wa-space-3xs); }
  td a { font-weight: var(--wa-font-weight-semibold); text-decoration: none; }
  .star::part(base) { color: var(--wa-color-neutral-fill-loud); }
  .star[data-favorite='true']::part(base) { color: var(--wa-color-warning-fill-loud); }
  h2 { font-size: var(--wa-font-size-m); margin: var(--wa-space-l) 0 var(--wa-space-xs); }
  .tiles { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 30ch), 1fr)); gap: var(--wa-space-m); }
  .tile { background: var(--wa-color-surface-raised); border: var(--wa-border-width-s) solid var(--wa-color-surface-border); border-radius: var(--wa-border-radius-l); box-shadow: var(--wa-shadow-s); overflow: hidden; }
  .tile .shot { aspect-ratio: 16 / 10; background: var(--wa-color-neutral-fill-loud); color: var(--wa-color-neutral-on-loud); display: flex; align-items: center; justify-content: center; font-size: var(--wa-font-size-s); text-align: center; padding: var(--wa-space-xs); box-sizing: border-box; }
  .tile img { width: 100%; aspect-ratio: 16 / 10; object-fit: cover; display: block; background: var(--wa-color-neutral-fill-loud); }
  .tile .body { padding: var(--wa-space-xs) var(--wa-space-s); }
  .tile a { color: inherit; text-decoration: none; font-weight: var(--wa-font-weight-semibold); }
  .loading { display: grid; gap: var(--wa-space-s); }
  .loading wa-skeleton { height: var(--wa-font-size-3xl); }
  .more { margin-top: var(--wa-space-m); text-align: center; }
`;
