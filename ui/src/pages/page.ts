import { LitElement, css } from 'lit';
import { ApiError } from '../api.js';
import { toast } from '../components/toasts.js';
import { formStyles } from '../styles.js';

/** What every page shares: the signed-in account and a way to run an action with feedback. */
export class OutpostPage extends LitElement {
  static override properties = { account: { attribute: false }, fieldErrors: { state: true } };
  account!: {
    id: string;
    email: string;
    name: string;
    permissions: string[];
    currentTenantId: string | null;
    twoFactorEnabled: boolean;
  };
  fieldErrors: Record<string, string> = {};

  static override styles = [
    formStyles,
    css`
      :host { display: block; max-width: 64rem; }
      h1 { font-size: 1.5rem; margin: 0 0 1rem; }
      h2 { font-size: 1.1rem; margin: 0 0 0.75rem; }
      h2.after-table, section.after-table { margin-top: var(--wa-space-l); }
      section { background: var(--wa-color-surface-raised); border: var(--wa-border-width-s) solid var(--wa-color-surface-border); border-radius: var(--wa-border-radius-l); padding: var(--wa-space-l); margin-bottom: var(--wa-space-l); box-shadow: var(--wa-shadow-s); }
      form.inline { display: flex; gap: 0.5rem; align-items: end; flex-wrap: wrap; }
      form.inline > div, form.inline > wa-input, form.inline > wa-select { flex: 1; min-width: 12rem; }
      form.inline > wa-input, form.inline > wa-select { margin-block: 0; }
      form.inline label { margin-top: 0; }
      .grid > wa-input, .grid > wa-select { margin-block: var(--wa-space-2xs); }
      .grid > wa-checkbox { margin: var(--wa-space-3xs) 0; }
      fieldset.choices { border: 0; padding: 0; margin: var(--wa-space-m) 0 0; min-width: 0; }
      fieldset.choices legend { font-size: var(--wa-font-size-s); font-weight: var(--wa-font-weight-semibold); padding: 0; margin-bottom: var(--wa-space-2xs); }
      select { padding: 0.55rem; font: inherit; border: 1px solid var(--line); border-radius: var(--wa-border-radius-m); background: var(--wa-color-surface-default); color: var(--wa-color-text-normal); width: 100%; }
      .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: 0.25rem 1rem; }
      .grid label { font-weight: 400; display: flex; gap: 0.4rem; align-items: center; margin: 0.2rem 0; }
      .grid input { width: auto; }
      code, .secret { font-family: var(--wa-font-family-code); background: var(--wa-color-neutral-fill-quiet); padding: 0.2rem 0.4rem; border-radius: 4px; word-break: break-all; }
      .row-actions { display: flex; gap: 0.4rem; }
    `,
  ];

  can(permission: string): boolean {
    return this.account.permissions.includes(permission);
  }

  /** Runs an action: a toast on success, field errors or a toast on failure. Returns whether it worked. */
  async act(action: () => Promise<unknown>, success?: string): Promise<boolean> {
    this.fieldErrors = {};
    try {
      await action();
      if (success) toast(success);
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.problem.errors) this.fieldErrors = error.fieldErrors;
      toast(error instanceof Error ? error.message : String(error), 'error');
      return false;
    }
  }

  formValues(event: SubmitEvent): Record<string, string> {
    event.preventDefault();
    return Object.fromEntries([...new FormData(event.target as HTMLFormElement)].map(([k, v]) => [k, String(v)]));
  }
}
