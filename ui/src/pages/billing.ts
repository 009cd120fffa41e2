import { html, nothing } from 'lit';
import { api } from '../api.js';
import { t } from '../i18n.js';
import '../components/data-table.js';
import type { Column } from '../components/data-table.js';
import '../components/meter.js';
import { OutpostPage } from './page.js';

interface Plan {
  name: string;
  limits: Record<string, number | null>;
  features: string[];
}

interface Usage {
  plan: Plan;
  counters: Array<{ name: string; label: string; used: number; limit: number | null }>;
}

/** Billing (Settings, for `billing.manage`): the current tenant's plan and its use, and the instance's plans. */
export class OutpostBillingPage extends OutpostPage {
  static override properties = { ...OutpostPage.properties, usage: { state: true }, plans: { state: true } };
  usage: Usage | undefined;
  plans: Plan[] = [];

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    [this.usage, this.plans] = await Promise.all([
      api<Usage>('GET', '/billing/usage'),
      api<{ items: Plan[] }>('GET', '/billing/plans').then((answer) => answer.items),
    ]);
  }

  override render() {
    if (!this.usage) return nothing;
    const { plan, counters } = this.usage;
    const limitText = (limit: number | null | undefined) =>
      limit === null || limit === undefined ? t('no limit') : String(limit);
    const columns: Column<Plan & { id: string }>[] = [
      {
        key: 'name',
        label: t('Plan'),
        text: (row) => (row.name === plan.name ? `${row.name} ${t('(current)')}` : row.name),
      },
      {
        key: 'limits',
        label: t('Limits'),
        text: (row) =>
          counters.map((counter) => `${t(counter.label)}: ${limitText(row.limits[counter.name])}`).join(', ') ||
          t('no limit'),
      },
      {
        key: 'features',
        label: t('Features'),
        text: (row) => (row.features.includes('*') ? t('all') : row.features.join(', ') || '—'),
      },
    ];
    return html`<h1>${t('Billing')}</h1>
      <section data-testid="billing-usage">
        <h2>${t('Plan: {plan}', { plan: plan.name })}</h2>
        ${counters.map(
          (counter) => html`<div class="counter">
            ${
              counter.limit === null
                ? t('{label}: {used} (no limit)', { label: t(counter.label), used: counter.used })
                : t('{label}: {used} of {limit}', { label: t(counter.label), used: counter.used, limit: counter.limit })
            }
            ${
              counter.limit === null
                ? nothing
                : html`<outpost-meter .value=${counter.used} .max=${counter.limit} label=${t(counter.label)}></outpost-meter>`
            }
          </div>`,
        )}
        <p class="hint">${t('A customer tenant’s plan is changed on the Tenants tab, from the MSP’s own tenant.')}</p>
      </section>
      <h2 class="after-table">${t('Plans')}</h2>
      <outpost-data-table
        label=${t('Plans')}
        filename="plans.csv"
        .columns=${columns}
        .rows=${this.plans.map((row) => ({ ...row, id: row.name }))}
      ></outpost-data-table>`;
  }
}
customElements.define('outpost-billing-page', OutpostBillingPage);
