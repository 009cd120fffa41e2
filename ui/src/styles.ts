import { css } from 'lit';

/** Shared form and button styles. Colors keep at least 4.5:1 contrast on their backgrounds. */
export const formStyles = css`
  :host { --accent: #1d4ed8; --accent-ink: #ffffff; --ink: #1b1f24; --muted: #4b5563; --line: #d1d5db; --danger: #b91c1c; }
  label { display: block; font-size: 0.875rem; font-weight: 600; margin: 0.75rem 0 0.25rem; color: var(--ink); }
  input { box-sizing: border-box; width: 100%; padding: 0.6rem 0.7rem; font: inherit; border: 1px solid var(--line); border-radius: 6px; background: #fff; color: var(--ink); }
  input:focus-visible, button:focus-visible, a:focus-visible, select:focus-visible { outline: 3px solid #93c5fd; outline-offset: 1px; }
  input[aria-invalid='true'] { border-color: var(--danger); }
  .field-error { color: var(--danger); font-size: 0.8rem; margin-top: 0.25rem; }
  .form-error { color: var(--danger); background: #fef2f2; border: 1px solid #fecaca; padding: 0.6rem 0.75rem; border-radius: 6px; margin: 0.75rem 0; }
  button { font: inherit; cursor: pointer; border-radius: 6px; padding: 0.6rem 1rem; border: 1px solid var(--line); background: #fff; color: var(--ink); }
  button.primary { background: var(--accent); border-color: var(--accent); color: var(--accent-ink); font-weight: 600; }
  button.danger { color: var(--danger); border-color: #fecaca; }
  button[disabled] { opacity: 0.6; cursor: progress; }
  .hint { color: var(--muted); font-size: 0.875rem; }
`;
