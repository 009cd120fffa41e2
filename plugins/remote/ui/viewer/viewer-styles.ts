import { css, pageStyles } from '@outpost/ui-sdk';

/** The viewer's look: a bar of tools above the screen, which takes the rest of the window (all of it in full screen). */
export const viewerStyles = [
  pageStyles,
  css`
    :host { display: flex; flex-direction: column; gap: var(--wa-space-xs); min-width: 0; }
    :host(:fullscreen) { background: var(--wa-color-surface-default); padding: var(--wa-space-xs); box-sizing: border-box; }
    .bar { display: flex; flex-wrap: wrap; gap: var(--wa-space-xs) var(--wa-space-m); align-items: center; }
    .device { font-weight: var(--wa-font-weight-semibold); text-decoration: none; overflow-wrap: anywhere; }
    .state { color: var(--wa-color-text-quiet); font-size: var(--wa-font-size-s); }
    .tools { display: flex; flex-wrap: wrap; gap: var(--wa-space-xs); align-items: center; margin-left: auto; }
    .tools wa-select { margin-block: 0; width: 18ch; }
    .clipboard { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 32ch), 1fr)); gap: var(--wa-space-m); }
    .clipboard > * { display: grid; gap: var(--wa-space-xs); align-content: start; justify-items: start; }
    .clipboard wa-textarea { width: 100%; margin-block: 0; }
    .message { max-width: 60ch; }
    form.message { display: grid; gap: var(--wa-space-xs); justify-items: start; }
    .waiting { display: flex; gap: var(--wa-space-xs); align-items: center; color: var(--wa-color-text-quiet); margin: 0; }
    .screen { position: relative; height: 78vh; overflow: auto; border-radius: var(--wa-border-radius-m); background: var(--wa-color-neutral-fill-loud); }
    /* Scaled, the box takes the remote screen's shape, as tall as the window allows. */
    .screen.fit { height: auto; aspect-ratio: var(--remote-aspect); max-height: 78vh; }
    :host(:fullscreen) .screen { flex: 1; height: auto; max-height: none; aspect-ratio: auto; border-radius: 0; }
    @media (max-width: 640px) {
      .tools { margin-left: 0; }
    }
  `,
];
