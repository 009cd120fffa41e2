import { html } from 'lit';
import { api } from '../api.js';
import '../components/data-table.js';
import type { Column } from '../components/data-table.js';
import '../components/schema-form.js';
import { toast } from '../components/toasts.js';
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
    if (this.can('billing.manage')) this.plans = (await api<{ items: Array<{ name: string }> }>('GET', '/billing/plans')).items.map((p) => p.name);
  }

  override render() {
    const columns: Column<Tenant>[] = [
      { key: 'name', label: 'Tenant' },
      { key: 'parentId', label: 'Kind', text: (t) => (t.parentId ? 'customer' : 'MSP (root)') },
      {
        key: 'plan',
        label: 'Plan',
        render: (t) =>
          this.can('billing.manage')
            ? html`<select aria-label="Plan of ${t.name}" @change=${(e: Event) => this.setPlan(t, (e.target as HTMLSelectElement).value)}>
                ${this.plans.map((p) => html`<option ?selected=${p === t.plan}>${p}</option>`)}
              </select>`
            : t.plan,
      },
      { key: 'role', label: 'Your role', text: (t) => `${t.role}${t.via === 'msp' ? ' (MSP)' : ''}` },
    ];
    return html`<h1>Tenants</h1>
      <section>
        <h2>New customer tenant</h2>
        <outpost-schema-form method="post" path="/tenants" submit-label="Create tenant" @saved=${this.created}></outpost-schema-form>
        <p class="hint">The admin gets an invitation by e-mail and becomes the tenant's Owner.</p>
      </section>
      <outpost-data-table label="Tenants" filename="tenants.csv" .columns=${columns} .rows=${this.tenants}></outpost-data-table>`;
  }

  private async created(event: CustomEvent<{ name: string }>) {
    toast(`${event.detail.name} is created; its admin is invited by e-mail.`);
    await this.load();
  }

  private async setPlan(tenant: Tenant, plan: string) {
    await this.act(() => api('PUT', `/tenants/${tenant.id}/plan`, { plan }), `${tenant.name} is on the ${plan} plan.`);
    await this.load();
  }
}
customElements.define('outpost-tenants-page', OutpostTenantsPage);
