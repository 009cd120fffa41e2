import { html } from 'lit';
import { api } from '../api.js';
import { t } from '../i18n.js';
import '../components/data-table.js';
import type { Column } from '../components/data-table.js';
import { formatDateTime } from '../format.js';
import { OutpostPage } from './page.js';

interface Entry {
  id: string;
  time: string;
  actor: { label: string };
  action: string;
  resource: { type: string; id: string } | null;
  ip: string | null;
}

/** The audit log of the current tenant, with filters and the server's CSV export. */
export class OutpostAuditPage extends OutpostPage {
  static override properties = { ...OutpostPage.properties, entries: { state: true }, filters: { state: true } };
  entries: Entry[] = [];
  filters: Record<string, string> = {};

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private query(extra: Record<string, string> = {}) {
    const params = new URLSearchParams(Object.entries({ ...this.filters, ...extra }).filter(([, v]) => v));
    return params.toString() ? `?${params}` : '';
  }

  private async load() {
    const page = await api<{ items: Array<Omit<Entry, 'id'> & { id: number }> }>(
      'GET',
      `/audit${this.query({ limit: '500' })}`,
    );
    this.entries = page.items.map((e) => ({ ...e, id: String(e.id) }));
  }

  override render() {
    const columns: Column<Entry>[] = [
      { key: 'time', label: t('Time'), text: (e) => formatDateTime(e.time) },
      { key: 'actor', label: t('Who'), text: (e) => e.actor.label },
      { key: 'action', label: t('Action') },
      { key: 'resource', label: t('Resource'), text: (e) => (e.resource ? `${e.resource.type} ${e.resource.id}` : '') },
      { key: 'ip', label: t('IP'), text: (e) => e.ip ?? '' },
    ];
    return html`<h1>${t('Audit log')}</h1>
      <section>
        <form class="inline" @submit=${this.filter}>
          <wa-input label=${t('Who')} name="actor" placeholder=${t('e-mail or name')} autocomplete="off"></wa-input>
          <wa-input label=${t('Action')} name="action" placeholder=${t('auth.*')} autocomplete="off"></wa-input>
          <wa-input label=${t('From')} name="from" type="date"></wa-input>
          <wa-button type="submit" appearance="outlined">${t('Filter')}</wa-button>
          <a href=${`/api/v1/audit/export.csv${this.query()}`} download>${t('Download all as CSV')}</a>
        </form>
      </section>
      ${
        this.entries.length > 0
          ? html`<section><outpost-chart kind="bar" heading=${t('Entries per day')} .points=${this.perDay()}></outpost-chart></section>`
          : ''
      }
      <outpost-data-table label=${t('Audit log')} filename="audit.csv" preference-key="audit" .columns=${columns} .rows=${this.entries}>
        <p slot="empty">${t('No entries match. Sign-ins, team changes and key changes appear here.')}</p>
      </outpost-data-table>`;
  }

  /** Entries per day of the loaded range, oldest first, for the chart. */
  private perDay() {
    const counts = new Map<string, number>();
    for (const entry of this.entries) {
      const day = formatDateTime(entry.time).split(' ')[0]!;
      counts.set(day, (counts.get(day) ?? 0) + 1);
    }
    return [...counts]
      .reverse()
      .slice(-14)
      .map(([label, value]) => ({ label, value }));
  }

  private async filter(event: SubmitEvent) {
    const values = this.formValues(event);
    this.filters = {
      actor: values.actor ?? '',
      action: values.action ?? '',
      from: values.from ? new Date(values.from).toISOString() : '',
    };
    await this.act(() => this.load());
  }
}
customElements.define('outpost-audit-page', OutpostAuditPage);
