import { css } from '@outpost/ui-sdk';

/** The page, and the parts of xterm.js's own style sheet the terminal needs (in this shadow root). */
export const terminalStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    gap: var(--wa-space-s);
    min-height: 70vh;
  }
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--wa-space-s);
  }
  h1 {
    margin: 0;
    font-size: var(--wa-font-size-l);
    overflow-wrap: anywhere;
  }
  .actions {
    display: flex;
    gap: var(--wa-space-xs);
  }
  .status {
    display: flex;
    align-items: center;
    gap: var(--wa-space-xs);
    color: var(--wa-color-text-quiet);
  }
  .screen {
    flex: 1;
    min-height: 60vh;
    min-width: 0;
    padding: var(--wa-space-xs);
    background: var(--wa-color-neutral-05);
    border-radius: var(--wa-border-radius-m);
    overflow: hidden;
  }
  .xterm {
    cursor: text;
    position: relative;
    user-select: none;
    height: 100%;
  }
  .xterm:focus {
    outline: none;
  }
  .xterm .xterm-helpers {
    position: absolute;
    top: 0;
    z-index: 5;
  }
  .xterm .xterm-helper-textarea {
    padding: 0;
    border: 0;
    margin: 0;
    position: absolute;
    opacity: 0;
    left: -100vw;
    top: 0;
    width: 0;
    height: 0;
    z-index: -5;
    white-space: nowrap;
    overflow: hidden;
    resize: none;
  }
  .xterm .composition-view {
    display: none;
    position: absolute;
    white-space: nowrap;
    z-index: 1;
  }
  .xterm .composition-view.active {
    display: block;
  }
  .xterm .xterm-viewport {
    background-color: var(--wa-color-neutral-05);
    overflow-y: scroll;
    cursor: default;
    position: absolute;
    inset: 0;
  }
  .xterm .xterm-screen {
    position: relative;
  }
  .xterm .xterm-screen canvas {
    position: absolute;
    left: 0;
    top: 0;
  }
  .xterm-char-measure-element {
    display: inline-block;
    visibility: hidden;
    position: absolute;
    top: 0;
    left: -100vw;
    line-height: normal;
  }
  .xterm .xterm-accessibility:not(.debug),
  .xterm .xterm-message {
    position: absolute;
    inset: 0;
    z-index: 10;
    color: transparent;
    pointer-events: none;
  }
  .xterm .xterm-accessibility-tree {
    user-select: text;
    white-space: pre;
  }
  .xterm .live-region {
    position: absolute;
    left: -100vw;
    width: 0;
    height: 0;
    overflow: hidden;
  }
  .xterm-underline-1 {
    text-decoration: underline;
  }
  .xterm-strikethrough {
    text-decoration: line-through;
  }
  .xterm-screen .xterm-decoration-container .xterm-decoration {
    z-index: 6;
    position: absolute;
  }
`;
