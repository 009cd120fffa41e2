import { html } from 'lit';
import { api } from '../api.js';
import { t } from '../i18n.js';
import '../components/data-table.js';
import type { Column } from '../components/data-table.js';
import { confirmDestructive } from '../components/dialog.js';
import { formatDateTime } from '../format.js';
import { roleName } from '../permissions.js';
import { OutpostPage } from './page.js';

interface Member {
  id: string;
  userId: string;
  email: string;
  name: string;
  role: string;
  joinedAt: string;
  lastSignInAt: string | null;
}

interface Invitation {
  id: string;
  email: string;
  role: string;
  expiresAt: string;
}

interface Role {
  id: string;
  name: string;
}

/** The team of the current tenant: invite, change roles, remove, open invitations. */
export class OutpostTeamPage extends OutpostPage {
  static override properties = {
    ...OutpostPage.properties,
    members: { state: true },
    invitations: { state: true },
    roles: { state: true },
  };
  members: Member[] = [];
  invitations: Invitation[] = [];
  roles: Role[] = [];

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.can('team.manage')) void this.load();
  }

  private async load() {
    const [members, invitations, roles] = await Promise.all([
      api<{ items: Omit<Member, 'id'>[] }>('GET', '/team'),
      api<{ items: Invitation[] }>('GET', '/team/invitations'),
      api<{ items: Role[] }>('GET', '/roles'),
    ]);
    this.members = members.items.map((m) => ({ ...m, id: m.userId }));
    this.invitations = invitations.items;
    this.roles = roles.items;
  }

  private roleName = (id: string) => roleName(this.roles.find((r) => r.id === id) ?? { id, name: id });

  override render() {
    if (!this.can('team.manage'))
      return html`<h1>${t('Team')}</h1>
        <p data-testid="missing-permission">${t('You need the team.manage permission to see or change the team.')}</p>`;
    const memberColumns: Column<Member>[] = [
      { key: 'email', label: t('E-mail'), hideable: false },
      { key: 'name', label: t('Name') },
      {
        key: 'role',
        label: t('Role'),
        filter: true,
        text: (m) => this.roleName(m.role),
        render: (
          m,
        ) => html`<wa-select size="small" class="sr-label in-row" label=${t('Role of {email}', { email: m.email })} .value=${m.role} @change=${(e: Event) => this.changeRole(m, (e.target as HTMLSelectElement).value)}>
          ${this.roles.map((r) => html`<wa-option value=${r.id}>${roleName(r)}</wa-option>`)}
        </wa-select>`,
      },
      {
        key: 'lastSignInAt',
        label: t('Last sign-in'),
        text: (m) => (m.lastSignInAt ? formatDateTime(m.lastSignInAt) : t('never')),
      },
      { key: 'joinedAt', label: t('Joined'), text: (m) => formatDateTime(m.joinedAt) },
      {
        key: 'id',
        label: '',
        sortable: false,
        render: (m) =>
          html`<wa-button size="small" variant="danger" appearance="outlined" @click=${() => this.removeMember(m)}>${t('Remove')}</wa-button>`,
      },
    ];
    const invitationColumns: Column<Invitation>[] = [
      { key: 'email', label: t('E-mail') },
      { key: 'role', label: t('Role'), text: (i) => this.roleName(i.role) },
      { key: 'expiresAt', label: t('Expires'), text: (i) => formatDateTime(i.expiresAt) },
      {
        key: 'id',
        label: '',
        sortable: false,
        render: (i) =>
          html`<wa-button size="small" variant="danger" appearance="outlined" @click=${() => this.revoke(i)}>${t('Revoke')}</wa-button>`,
      },
    ];
    return html`<h1>${t('Team')}</h1>
      <section>
        <h2>${t('Invite')}</h2>
        <form class="inline" @submit=${this.invite}>
          <wa-input label=${t('E-mail')} name="email" type="email" required autocomplete="off"></wa-input>
          <wa-select label=${t('Role')} name="role" value="member">${this.roles.map((r) => html`<wa-option value=${r.id}>${roleName(r)}</wa-option>`)}</wa-select>
          <wa-button type="submit" variant="brand">${t('Invite')}</wa-button>
        </form>
      </section>
      <outpost-data-table label=${t('Members')} filename="team.csv" preference-key="team" .columns=${memberColumns} .rows=${this.members}></outpost-data-table>
      <h2 class="after-table">${t('Open invitations')}</h2>
      <outpost-data-table label=${t('Invitations')} filename="invitations.csv" .columns=${invitationColumns} .rows=${this.invitations}>
        <p slot="empty">${t('No open invitations. Invite colleagues by e-mail above; they sign up or sign in to accept.')}</p>
      </outpost-data-table>`;
  }

  private async invite(event: SubmitEvent) {
    const form = event.target as HTMLFormElement;
    const values = this.formValues(event);
    if (
      await this.act(
        () => api('POST', '/team/invitations', values),
        t('{email} is invited.', { email: values.email ?? '' }),
      )
    ) {
      form.reset();
      await this.load();
    }
  }

  private async changeRole(member: Member, role: string) {
    await this.act(
      () => api('PATCH', `/team/${member.userId}`, { role }),
      t('{email} is now {role}.', { email: member.email, role: this.roleName(role) }),
    );
    await this.load();
  }

  private async removeMember(member: Member) {
    if (
      !(await confirmDestructive({
        title: t('Remove member'),
        message: t('Remove {email} from this tenant? Their sessions here end at once.', { email: member.email }),
        action: t('Remove'),
      }))
    )
      return;
    await this.act(() => api('DELETE', `/team/${member.userId}`), t('{email} is removed.', { email: member.email }));
    await this.load();
  }

  private async revoke(invitation: Invitation) {
    await this.act(() => api('DELETE', `/team/invitations/${invitation.id}`), t('The invitation is revoked.'));
    await this.load();
  }
}
customElements.define('outpost-team-page', OutpostTeamPage);
