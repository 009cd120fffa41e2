import { css, html } from 'lit';
import { t } from '../i18n.js';
import {
  type NotificationChoice,
  loadNotificationChoices,
  notificationChoice,
  notificationRules,
  saveNotificationChoices,
} from '../notification-preferences.js';
import { allowBrowserNotifications } from '../notify.js';
import { OutpostPage } from './page.js';

/** A rule's name in the list (translated with the manifest): its label, or its title without the event's placeholders. */
function labelOf(rule: { label?: string; title: string }): string {
  return rule.label ?? rule.title.replace(/\{\w+\}/g, '…');
}

/**
 * Settings → Notifications: per topic the enabled plugins notify about, whether to show
 * it and whether to play the chime, saved on the account; and the browser's permission
 * to show them while the tab is in the background.
 */
export class OutpostNotificationSettings extends OutpostPage {
  static override properties = { ...OutpostPage.properties, choices: { state: true }, loaded: { state: true } };
  choices: NotificationChoice[] = [];
  loaded = false;

  static override styles = [
    ...OutpostPage.styles,
    css`
      fieldset { border: var(--wa-border-width-s) solid var(--wa-color-surface-border); border-radius: var(--wa-border-radius-m); padding: var(--wa-space-xs) var(--wa-space-s) var(--wa-space-s); margin: 0 0 var(--wa-space-s); min-width: 0; display: flex; flex-wrap: wrap; gap: var(--wa-space-xs) var(--wa-space-m); }
      legend { font-size: var(--wa-font-size-s); font-weight: var(--wa-font-weight-semibold); padding: 0 var(--wa-space-3xs); }
      wa-button[type='submit'] { margin-top: var(--wa-space-s); }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    await loadNotificationChoices(Boolean(this.account.currentTenantId));
    this.choices = this.topics().map((topic) => notificationChoice(topic.topic));
    this.loaded = true;
  }

  /** One entry per topic (a topic may have several rules), in the manifest's order. */
  private topics() {
    const seen = new Map<string, { topic: string; label: string }>();
    for (const rule of notificationRules())
      if (!seen.has(rule.topic)) seen.set(rule.topic, { topic: rule.topic, label: labelOf(rule) });
    return [...seen.values()];
  }

  private change(topic: string, field: 'enabled' | 'sound', value: boolean) {
    this.choices = this.choices.map((choice) => (choice.topic === topic ? { ...choice, [field]: value } : choice));
  }

  override render() {
    const topics = this.topics();
    return html`<h1>${t('Notifications')}</h1>
      <section>
        <h2>${t('What to show')}</h2>
        ${
          !this.loaded
            ? html`<p>${t('Loading…')}</p>`
            : !this.account.currentTenantId
              ? html`<p class="hint">${t('Notification choices are kept per tenant: choose a tenant first.')}</p>`
              : topics.length === 0
                ? html`<p class="hint">${t('No enabled feature sends notifications.')}</p>`
                : html`<form @submit=${this.save}>
                <div class="grid">
                  ${topics.map(({ topic, label }) => {
                    const choice = this.choices.find((c) => c.topic === topic)!;
                    return html`<fieldset data-topic=${topic}>
                      <legend>${label}</legend>
                      <wa-checkbox .checked=${choice.enabled} @change=${(e: Event) => this.change(topic, 'enabled', (e.target as HTMLInputElement).checked)}>${t('Show')}</wa-checkbox>
                      <wa-checkbox .checked=${choice.sound} ?disabled=${!choice.enabled} @change=${(e: Event) => this.change(topic, 'sound', (e.target as HTMLInputElement).checked)}>${t('Play a sound')}</wa-checkbox>
                    </fieldset>`;
                  })}
                </div>
                <wa-button type="submit" variant="brand">${t('Save')}</wa-button>
              </form>`
        }
      </section>
      <section>
        <h2>${t('Browser notifications')}</h2>
        <p class="hint">${t('Outpost shows what happens as toasts. Allow browser notifications to hear about it while this tab is in the background.')}</p>
        <wa-button appearance="outlined" @click=${this.allowNotifications}>${t('Allow browser notifications')}</wa-button>
      </section>`;
  }

  private async save(event: SubmitEvent) {
    event.preventDefault();
    await this.act(() => saveNotificationChoices(this.choices), t('Your notification settings are saved.'));
  }

  private async allowNotifications() {
    await this.act(async () => {
      if (!(await allowBrowserNotifications()))
        throw new Error(t('The browser did not allow notifications; change it in the site settings.'));
    }, t('Browser notifications are on.'));
  }
}
customElements.define('outpost-notification-settings', OutpostNotificationSettings);
