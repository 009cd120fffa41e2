// What the contacts plugin's browser modules share: the page styles and the contact form's fields.
import { css, html, pageStyles, t } from '@outpost/ui-sdk';
import type { ContactFields } from '../src/service.js';
import type { Contact } from './api-types.js';

export const styles = [
  pageStyles,
  css`
    wa-input.search { max-width: 60ch; margin-bottom: var(--wa-space-s); }
    form.fields wa-input, form.fields wa-textarea { margin-block: 0; }
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
  return html`<wa-input label=${t('Name')} name="name" required maxlength="200" .value=${contact.name ?? ''} ?disabled=${readOnly}></wa-input>
    <wa-input label=${t('E-mail')} name="email" type="email" maxlength="254" .value=${contact.email ?? ''} ?disabled=${readOnly}></wa-input>
    <wa-input label=${t('Phone')} name="phone" type="tel" maxlength="50" pattern="[0-9+()./ x\\-]*" .value=${contact.phone ?? ''} ?disabled=${readOnly}></wa-input>
    <wa-input label=${t('Company')} name="company" maxlength="200" .value=${contact.company ?? ''} ?disabled=${readOnly}></wa-input>
    <wa-textarea label=${t('Notes')} name="notes" rows="3" maxlength="5000" .value=${contact.notes ?? ''} ?disabled=${readOnly}></wa-textarea>`;
}
