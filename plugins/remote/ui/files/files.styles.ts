import { css } from '@outpost/ui-sdk';

export const filesStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    gap: var(--wa-space-s);
  }
  h1 {
    margin: 0;
    font-size: var(--wa-font-size-l);
    overflow-wrap: anywhere;
  }
  .toolbar,
  .name-form {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: var(--wa-space-xs);
  }
  .path {
    flex: 1;
    min-width: 0;
    overflow-wrap: anywhere;
    align-self: center;
  }
  .upload input {
    font: inherit;
    max-width: 100%;
  }
  .upload span {
    position: absolute;
    width: 0;
    height: 0;
    overflow: hidden;
  }
  .transfer {
    display: flex;
    flex-direction: column;
    gap: var(--wa-space-2xs);
  }
  .entries {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .entries li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--wa-space-xs);
    padding: var(--wa-space-2xs) 0;
    border-bottom: var(--wa-border-width-s) solid var(--wa-color-surface-border);
  }
  .name {
    flex: 1 1 12ch;
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .meta {
    color: var(--wa-color-text-quiet);
    font-size: var(--wa-font-size-s);
  }
  .row-actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--wa-space-2xs);
  }
  .status,
  .empty {
    color: var(--wa-color-text-quiet);
  }
`;
