import { css, html } from 'lit';
import { api } from '../api.js';
import { t } from '../i18n.js';
import '../components/data-table.js';
import type { Column } from '../components/data-table.js';
import { confirmDestructive } from '../components/dialog.js';
import { roleName } from '../permissions.js';
import { OutpostPage } from './page.js';

interface Role {
  id: string;
  name: string;
  builtIn: boolean;
  permissions: string[];
}

/** Built-in and custom roles; a custom role is made of any permissions you hold. Permissions show by what they allow, their ids beside. */
export class OutpostRolesPage extends OutpostPage {
  static override properties = { ...OutpostPage.properties, roles: { state: true }, catalog: { state: true } };
  roles: Role[] = [];
  catalog: Array<{ id: string; description: string }> = [];

  static override styles = [
    ...OutpostPage.styles,
    css`
      .id { color: var(--wa-color-text-quiet); font-family: var(--wa-font-family-code); font-size: 0.75rem; }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.can('team.manage')) void this.load();
  }

  private async load() {
    const [roles, catalog] = await Promise.all([
      api<{ items: Role[] }>('GET', '/roles'),
      api<{ items: Array<{ id: string; description: string }> }>('GET', '/permissions'),
    ]);
    this.roles = roles.items;
    this.catalog = catalog.items;
  }

  override render() {
    if (!this.can('team.manage'))
      return html`<h1>${t('Roles')}</h1>
        <p data-testid="missing-permission">${t('You need the team.manage permission to see or change roles.')}</p>`;
    const columns: Column<Role>[] = [
      {
        key: 'name',
        label: t('Role'),
        text: (r) => roleName(r),
        render: (r) => html`${roleName(r)}${r.builtIn ? html` <small>${t('(built in)')}</small>` : ''}`,
      },
      {
        key: 'permissions',
        label: t('Permissions'),
        text: (r) => r.permissions.map((id) => this.describe(id)).join(', '),
      },
      {
        key: 'id',
        label: '',
        sortable: false,
        render: (r) =>
          r.builtIn
            ? ''
            : html`<wa-button size="small" variant="danger" appearance="outlined" @click=${() => this.deleteRole(r)}>${t('Delete')}</wa-button>`,
      },
    ];
    return html`<h1>${t('Roles')}</h1>
      <section>
        <h2>${t('New custom role')}</h2>
        <form @submit=${this.create}>
          <wa-input label=${t('Name')} name="name" required maxlength="64" placeholder=${t('Helpdesk L1')} autocomplete="off"></wa-input>
          <fieldset class="choices">
            <legend>${t('Permissions')}</legend>
            <div class="grid">
              ${this.catalog.map(
                (p) =>
                  html`<wa-checkbox name="permission" value=${p.id} ?disabled=${!this.can(p.id)}
                    >${p.description ? t(p.description) : p.id}<br /><small class="id">${p.id}</small></wa-checkbox
                  >`,
              )}
            </div>
          </fieldset>
          <wa-button type="submit" variant="brand">${t('Create role')}</wa-button>
        </form>
      </section>
      <outpost-data-table label=${t('Roles')} filename="roles.csv" .columns=${columns} .rows=${this.roles}></outpost-data-table>`;
  }

  /** What a permission allows, in words; its id when the catalog has no description. */
  private describe(id: string): string {
    const description = this.catalog.find((p) => p.id === id)?.description;
    return description ? t(description) : id;
  }

  private async create(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const values = new FormData(form);
    const body = { name: String(values.get('name')), permissions: values.getAll('permission').map(String) };
    if (await this.act(() => api('POST', '/roles', body), t('The role {name} is created.', { name: body.name }))) {
      form.reset();
      await this.load();
    }
  }

  private async deleteRole(role: Role) {
    if (
      !(await confirmDestructive({
        title: t('Delete role'),
        message: t('Delete the role {name}?', { name: role.name }),
        action: t('Delete'),
      }))
    )
      return;
    await this.act(() => api('DELETE', `/roles/${role.id}`), t('The role is deleted.'));
    await this.load();
  }
}
customElements.define('outpost-roles-page', OutpostRolesPage);
