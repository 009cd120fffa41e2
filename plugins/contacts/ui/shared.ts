// What the contacts plugin's browser modules share: the page styles and the contact form's fields.
import { css, html, pageStyles, t } from '@outpost/ui-sdk';
import type { ContactFields } from '../src/service.js';
import type { Contact } from './api-types.js';

export const styles = [
  pageStyles,
  css`
    input[type='search'] { width: 100%; max-width: 28rem; margin-bottom: 0.75rem; }
    .status.online { background: #dcfce7; color: #166534; }
  `,
];

/** The contact form's fields, as the API takes them (empty optional fields as null). */
export function fieldsOf(form: HTMLFormElement): ContactFields {
  const data = new FormData(form);
  const optional = (name: string) => String(data.get(name) ?? '').trim() || null;
  return {
    name: String(data.get('name')),
    email: optional('email'),
    phone: optional('phone'),
    company: optional('company'),
    notes: String(data.get('notes') ?? ''),
  };
}

/** The inputs of a contact form, filled from `contact`. */
export function contactFields(contact: Partial<Contact> = {}, readOnly = false) {
  return html`<label>${t('Name')}<input name="name" required maxlength="200" .value=${contact.name ?? ''} ?disabled=${readOnly} /></label>
    <label>${t('E-mail')}<input name="email" type="email" maxlength="254" .value=${contact.email ?? ''} ?disabled=${readOnly} /></label>
    <label>${t('Phone')}<input name="phone" type="tel" maxlength="50" pattern="[0-9+()./ x\\-]*" .value=${contact.phone ?? ''} ?disabled=${readOnly} /></label>
    <label>${t('Company')}<input name="company" maxlength="200" .value=${contact.company ?? ''} ?disabled=${readOnly} /></label>
    <label>${t('Notes')}<textarea name="notes" rows="3" maxlength="5000" .value=${contact.notes ?? ''} ?disabled=${readOnly}></textarea></label>`;
}
