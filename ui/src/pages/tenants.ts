import { html, nothing } from 'lit';
import { api } from '../api.js';
import { t } from '../i18n.js';
import '../components/data-table.js';
import type { Column } from '../components/data-table.js';
import '../components/schema-form.js';
import '../components/brand-color.js';
import { toast } from '../components/toasts.js';
import { roleName } from '../permissions.js';
import { OutpostPage } from './page.js';

interface Tenant {
  id: string;
  name: string;
  parentId: string | null;
  plan: string;
  role: string;
  via: string;
}

/** The MSP's tenants: the root and its customers; new customer tenants; plans. */
export class OutpostTenantsPage extends OutpostPage {
  static override properties = { ...OutpostPage.properties, tenants: { state: true }, plans: { state: true } };
  tenants: Tenant[] = [];
  plans: string[] = [];

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    this.tenants = (await api<{ items: Tenant[] }>('GET', '/tenants')).items;
    if (this.can('billing.manage'))
      this.plans = (await api<{ items: Array<{ name: string }> }>('GET', '/billing/plans')).items.map((p) => p.name);
  }

  override render() {
    const columns: Column<Tenant>[] = [
      { key: 'name', label: t('Tenant') },
      { key: 'parentId', label: t('Kind'), text: (row) => (row.parentId ? t('customer') : t('MSP (root)')) },
      {
        key: 'plan',
        label: t('Plan'),
        render: (row) =>
          this.can('billing.manage')
            ? html`<wa-select size="small" class="sr-label in-row" label=${t('Plan of {tenant}', { tenant: row.name })} .value=${row.plan} @change=${(e: Event) => this.setPlan(row, (e.target as HTMLSelectElement).value)}>
                ${this.plans.map((p) => html`<wa-option value=${p}>${p}</wa-option>`)}
              </wa-select>`
            : row.plan,
      },
      {
        key: 'role',
        label: t('Your role'),
        text: (row) => `${roleName({ id: row.role, name: row.role })}${row.via === 'msp' ? ` ${t('(MSP)')}` : ''}`,
      },
    ];
    return html`<h1>${t('Tenants')}</h1>
      ${
        this.can('tenants.manage')
          ? html`<section>
            <h2>${t('New customer tenant')}</h2>
            <outpost-schema-form method="post" path="/tenants" submit-label=${t('Create tenant')} @saved=${this.created}></outpost-schema-form>
            <p class="hint">${t("The admin gets an invitation by e-mail and becomes the tenant's Owner.")}</p>
          </section>`
          : nothing
      }
      <outpost-data-table label=${t('Tenants')} filename="tenants.csv" .columns=${columns} .rows=${this.tenants}></outpost-data-table>
      <section class="after-table"><outpost-brand-color></outpost-brand-color></section>`;
  }

  private async created(event: CustomEvent<{ name: string }>) {
    toast(t('{tenant} is created; its admin is invited by e-mail.', { tenant: event.detail.name }));
    await this.load();
  }

  private async setPlan(tenant: Tenant, plan: string) {
    await this.act(
      () => api('PUT', `/tenants/${tenant.id}/plan`, { plan }),
      t('{tenant} is on the {plan} plan.', { tenant: tenant.name, plan }),
    );
    await this.load();
  }
}
customElements.define('outpost-tenants-page', OutpostTenantsPage);
