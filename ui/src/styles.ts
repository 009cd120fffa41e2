import { css } from 'lit';

/**
 * Shared form and button styles, on Web Awesome's tokens (so both themes and the tenant's
 * accent apply). Text on the accent uses the `on` tokens, which keep at least 4.5:1.
 */
export const formStyles = css`
  :host {
    --accent: var(--wa-color-brand-fill-loud);
    --accent-ink: var(--wa-color-brand-on-loud);
    --ink: var(--wa-color-text-normal);
    --muted: var(--wa-color-text-quiet);
    --line: var(--wa-color-neutral-border-normal);
    --danger: var(--wa-color-danger-on-quiet);
  }
  label { display: block; font-size: var(--wa-font-size-s); font-weight: var(--wa-font-weight-semibold); margin: var(--wa-space-m) 0 var(--wa-space-2xs); color: var(--ink); }
  input { box-sizing: border-box; width: 100%; padding: var(--wa-space-xs) var(--wa-space-s); font: inherit; border: var(--wa-border-width-s) solid var(--line); border-radius: var(--wa-border-radius-m); background: var(--wa-color-surface-default); color: var(--ink); }
  input:focus-visible, button:focus-visible, a:focus-visible, select:focus-visible { outline: var(--wa-focus-ring); outline-offset: var(--wa-focus-ring-offset); }
  input[aria-invalid='true'] { border-color: var(--wa-color-danger-border-loud); }
  select { box-sizing: border-box; max-width: 100%; padding: var(--wa-space-xs) var(--wa-space-s); font: inherit; border: var(--wa-border-width-s) solid var(--line); border-radius: var(--wa-border-radius-m); background: var(--wa-color-surface-default); color: var(--ink); }
  wa-input, wa-select, wa-textarea { margin-block: var(--wa-space-s); }
  /* A field whose label is for screen readers only (a select in a table row, named after its row). */
  .sr-label::part(form-control-label) { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  /* A select in a table row: as wide as its value (not the 20 characters of a text field), so the table fits. */
  wa-select.in-row { margin-block: 0; }
  wa-select.in-row::part(display-input) { field-sizing: content; min-width: 0; }
  .field-error { color: var(--danger); font-size: var(--wa-font-size-xs); margin-top: var(--wa-space-2xs); }
  .form-error { color: var(--wa-color-danger-on-normal); background: var(--wa-color-danger-fill-quiet); border: var(--wa-border-width-s) solid var(--wa-color-danger-border-quiet); padding: var(--wa-space-xs) var(--wa-space-s); border-radius: var(--wa-border-radius-m); margin: var(--wa-space-m) 0; }
  button { font: inherit; cursor: pointer; border-radius: var(--wa-border-radius-m); padding: var(--wa-space-xs) var(--wa-space-m); border: var(--wa-border-width-s) solid var(--line); background: var(--wa-color-surface-default); color: var(--ink); }
  button.primary { background: var(--accent); border-color: var(--accent); color: var(--accent-ink); font-weight: var(--wa-font-weight-semibold); }
  button.danger { color: var(--danger); border-color: var(--wa-color-danger-border-normal); }
  button[disabled] { opacity: 0.6; cursor: progress; }
  .hint { color: var(--muted); font-size: var(--wa-font-size-s); }
`;

/** The look of a button, and of a link or label made to look like one (`class="button"`). */
export const buttonStyles = css`
  button, .button { font: inherit; padding: var(--wa-space-2xs) var(--wa-space-s); border-radius: var(--wa-border-radius-m); border: var(--wa-border-width-s) solid var(--wa-color-neutral-border-normal); background: var(--wa-color-surface-default); cursor: pointer; color: inherit; text-decoration: none; }
  button:hover, .button:hover { background: var(--wa-color-neutral-fill-quiet); }
  button:focus-visible, .button:focus-visible { outline: var(--wa-focus-ring); outline-offset: var(--wa-focus-ring-offset); }
`;

/**
 * The look plugin pages share (`Outpost.pageStyles`): headings with actions, panels, a
 * grid of panels, stacked forms, buttons, tables that turn into cards on phones (give
 * cells a `data-label`), badges, empty states. All on Web Awesome's tokens.
 */
export const pageStyles = css`
  :host { display: block; color: var(--wa-color-text-normal); }
  h1 { font-size: var(--wa-font-size-2xl); margin: 0 0 var(--wa-space-m); display: flex; flex-wrap: wrap; gap: var(--wa-space-s); align-items: center; }
  h1 .actions { margin-left: auto; display: flex; gap: var(--wa-space-xs); flex-wrap: wrap; font-size: var(--wa-font-size-m); font-weight: var(--wa-font-weight-normal); }
  h2 { font-size: var(--wa-font-size-l); margin: 0 0 var(--wa-space-s); }
  a { color: var(--wa-color-text-link); }
  .panel { background: var(--wa-color-surface-raised); border: var(--wa-border-width-s) solid var(--wa-color-surface-border); border-radius: var(--wa-border-radius-l); box-shadow: var(--wa-shadow-s); padding: var(--wa-space-m) var(--wa-space-l); margin-bottom: var(--wa-space-m); }
  .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(20rem, 100%), 1fr)); gap: var(--wa-space-m); }
  form.fields { display: grid; gap: var(--wa-space-xs); max-width: 36rem; }
  label { display: flex; flex-direction: column; font-size: var(--wa-font-size-s); color: var(--wa-color-text-quiet); gap: var(--wa-space-3xs); min-width: 0; }
  input, textarea, select { font: inherit; padding: var(--wa-space-2xs) var(--wa-space-xs); border: var(--wa-border-width-s) solid var(--wa-color-neutral-border-normal); border-radius: var(--wa-border-radius-m); max-width: 100%; box-sizing: border-box; background: var(--wa-color-surface-default); color: var(--wa-color-text-normal); }
  /* The padding above would squeeze a color picker's swatch to a line. */
  input[type='color'] { width: 3.5rem; height: 2.5rem; padding: var(--wa-space-3xs); cursor: pointer; }
  input[type='checkbox'], input[type='radio'] { accent-color: var(--wa-color-brand-fill-loud); }
  label.button { display: inline-block; color: inherit; font-size: inherit; }
  ${buttonStyles}
  button.primary { background: var(--wa-color-brand-fill-loud); border-color: var(--wa-color-brand-fill-loud); color: var(--wa-color-brand-on-loud); }
  button.primary:hover { background: var(--wa-color-brand-fill-loud); filter: brightness(1.1); }
  button.danger { color: var(--wa-color-danger-on-quiet); border-color: var(--wa-color-danger-border-normal); }
  button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, a:focus-visible { outline: var(--wa-focus-ring); outline-offset: var(--wa-focus-ring-offset); }
  table { width: 100%; border-collapse: collapse; }
  th, td { text-align: left; padding: var(--wa-space-xs); border-bottom: var(--wa-border-width-s) solid var(--wa-color-surface-border); vertical-align: top; }
  th { font-size: var(--wa-font-size-xs); color: var(--wa-color-text-quiet); font-weight: var(--wa-font-weight-semibold); }
  .muted { color: var(--wa-color-text-quiet); font-size: var(--wa-font-size-s); }
  .error { color: var(--wa-color-danger-on-quiet); }
  .empty { border: var(--wa-border-width-s) dashed var(--wa-color-neutral-border-loud); border-radius: var(--wa-border-radius-l); padding: var(--wa-space-2xl); text-align: center; background: var(--wa-color-surface-default); }
  .badge { font-size: var(--wa-font-size-xs); padding: var(--wa-space-3xs) var(--wa-space-xs); border-radius: var(--wa-border-radius-pill); background: var(--wa-color-neutral-fill-normal); color: var(--wa-color-neutral-on-normal); white-space: nowrap; }
  ul.plain { list-style: none; padding: 0; margin: 0; display: grid; gap: var(--wa-space-2xs); }
  ul.plain li { display: flex; gap: var(--wa-space-xs); align-items: center; flex-wrap: wrap; }
  /* What plugin pages share besides: a row of controls, codes and snippets, text for screen readers only. */
  .toolbar { display: flex; flex-wrap: wrap; gap: var(--wa-space-xs); align-items: end; margin-bottom: var(--wa-space-m); }
  .toolbar wa-input, .toolbar wa-select { margin-block: 0; }
  code { font-family: var(--wa-font-family-code); background: var(--wa-color-neutral-fill-quiet); color: var(--wa-color-neutral-on-quiet); padding: var(--wa-space-3xs) var(--wa-space-2xs); border-radius: var(--wa-border-radius-s); word-break: break-all; }
  pre { font-family: var(--wa-font-family-code); font-size: var(--wa-font-size-s); background: var(--wa-color-surface-lowered); color: var(--wa-color-text-normal); border: var(--wa-border-width-s) solid var(--wa-color-surface-border); padding: var(--wa-space-s); border-radius: var(--wa-border-radius-m); overflow: auto; white-space: pre-wrap; word-break: break-all; }
  .sr-only, .sr-label::part(form-control-label) { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  .actions { display: inline-flex; flex-wrap: wrap; gap: var(--wa-space-xs); align-items: center; }
  @media (max-width: 640px) {
    thead { display: none; }
    tr { display: block; border-bottom: var(--wa-border-width-s) solid var(--wa-color-surface-border); padding: var(--wa-space-2xs) 0; }
    td { display: block; border: 0; padding: var(--wa-space-3xs) var(--wa-space-xs); }
    td[data-label]::before { content: attr(data-label) ': '; color: var(--wa-color-text-quiet); font-size: var(--wa-font-size-xs); }
  }
`;
