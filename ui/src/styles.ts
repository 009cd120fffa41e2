import { css } from 'lit';

/** Shared form and button styles. Colors keep at least 4.5:1 contrast on their backgrounds. */
export const formStyles = css`
  :host { --accent: #1d4ed8; --accent-ink: #ffffff; --ink: #1b1f24; --muted: #4b5563; --line: #d1d5db; --danger: #b91c1c; }
  label { display: block; font-size: 0.875rem; font-weight: 600; margin: 0.75rem 0 0.25rem; color: var(--ink); }
  input { box-sizing: border-box; width: 100%; padding: 0.6rem 0.7rem; font: inherit; border: 1px solid var(--line); border-radius: 6px; background: #fff; color: var(--ink); }
  input:focus-visible, button:focus-visible, a:focus-visible, select:focus-visible { outline: 3px solid #93c5fd; outline-offset: 1px; }
  input[aria-invalid='true'] { border-color: var(--danger); }
  select { box-sizing: border-box; max-width: 100%; padding: 0.6rem 0.7rem; font: inherit; border: 1px solid var(--line); border-radius: 6px; background: #fff; color: var(--ink); }
  .field-error { color: var(--danger); font-size: 0.8rem; margin-top: 0.25rem; }
  .form-error { color: var(--danger); background: #fef2f2; border: 1px solid #fecaca; padding: 0.6rem 0.75rem; border-radius: 6px; margin: 0.75rem 0; }
  button { font: inherit; cursor: pointer; border-radius: 6px; padding: 0.6rem 1rem; border: 1px solid var(--line); background: #fff; color: var(--ink); }
  button.primary { background: var(--accent); border-color: var(--accent); color: var(--accent-ink); font-weight: 600; }
  button.danger { color: var(--danger); border-color: #fecaca; }
  button[disabled] { opacity: 0.6; cursor: progress; }
  .hint { color: var(--muted); font-size: 0.875rem; }
`;

/** The look of a button, and of a link or label made to look like one (`class="button"`). */
export const buttonStyles = css`
  button, .button { font: inherit; padding: 0.45rem 0.8rem; border-radius: 6px; border: 1px solid #cbd5e1; background: #fff; cursor: pointer; color: inherit; text-decoration: none; }
  button:focus-visible, .button:focus-visible { outline: 3px solid #93c5fd; }
`;

/**
 * The look plugin pages share (`Outpost.pageStyles`): headings with actions, panels, a
 * grid of panels, stacked forms, buttons, tables that turn into cards on phones (give
 * cells a `data-label`), badges, empty states.
 */
export const pageStyles = css`
  :host { display: block; }
  h1 { font-size: 1.5rem; margin: 0 0 1rem; display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; }
  h1 .actions { margin-left: auto; display: flex; gap: 0.5rem; flex-wrap: wrap; font-size: 1rem; font-weight: normal; }
  h2 { font-size: 1.1rem; margin: 0 0 0.75rem; }
  .panel { background: #fff; border-radius: 10px; box-shadow: 0 1px 2px rgb(0 0 0 / 0.08); padding: 1rem 1.25rem; margin-bottom: 1rem; }
  .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr)); gap: 1rem; }
  form.fields { display: grid; gap: 0.6rem; max-width: 36rem; }
  label { display: flex; flex-direction: column; font-size: 0.85rem; color: #475569; gap: 0.2rem; min-width: 0; }
  input, textarea, select { font: inherit; padding: 0.45rem 0.55rem; border: 1px solid #cbd5e1; border-radius: 6px; max-width: 100%; box-sizing: border-box; }
  /* The padding above would squeeze a color picker's swatch to a line. */
  input[type='color'] { width: 3.5rem; height: 2.5rem; padding: 0.15rem; cursor: pointer; }
  label.button { display: inline-block; color: inherit; font-size: inherit; }
  ${buttonStyles}
  button.primary { background: #1d4ed8; border-color: #1d4ed8; color: #fff; }
  button.danger { color: #b91c1c; border-color: #fca5a5; }
  button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, a:focus-visible { outline: 3px solid #93c5fd; }
  table { width: 100%; border-collapse: collapse; }
  th, td { text-align: left; padding: 0.5rem; border-bottom: 1px solid #e2e8f0; vertical-align: top; }
  th { font-size: 0.8rem; color: #64748b; font-weight: 600; }
  .muted { color: #64748b; font-size: 0.85rem; }
  .error { color: #b91c1c; }
  .empty { border: 1px dashed #94a3b8; border-radius: 12px; padding: 2rem; text-align: center; background: #fff; }
  .badge { font-size: 0.8rem; padding: 0.1rem 0.5rem; border-radius: 999px; background: #e2e8f0; white-space: nowrap; }
  ul.plain { list-style: none; padding: 0; margin: 0; display: grid; gap: 0.4rem; }
  ul.plain li { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; }
  @media (max-width: 640px) {
    thead { display: none; }
    tr { display: block; border-bottom: 1px solid #e2e8f0; padding: 0.4rem 0; }
    td { display: block; border: 0; padding: 0.15rem 0.5rem; }
    td[data-label]::before { content: attr(data-label) ': '; color: #64748b; font-size: 0.8rem; }
  }
`;
