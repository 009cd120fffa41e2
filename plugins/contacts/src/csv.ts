import { randomUUID } from 'node:crypto';
import { type EventBus, InputError, type TenantScope } from '@outpost/core';
import { parse } from 'csv-parse/sync';
import type { Knex } from 'knex';
import { type Contact, type ContactFields, type ContactService, cleanFields, toRow } from './service.js';

export const maxImportRows = 50_000;
export const limits = { name: 200, email: 254, phone: 50, company: 200, notes: 5000 } as const;
export const phonePattern = '^[0-9+()./ x-]*$';
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Header names (any case) and the field each fills. */
const headerNames: Record<string, keyof ContactFields> = {
  name: 'name',
  'full name': 'name',
  email: 'email',
  'e-mail': 'email',
  'email address': 'email',
  phone: 'phone',
  telephone: 'phone',
  'phone number': 'phone',
  company: 'company',
  organization: 'company',
  organisation: 'company',
  notes: 'notes',
  note: 'notes',
};

export interface ImportReport {
  accepted: number;
  /** Line numbers as in the file (the header is line 1). */
  rejected: Array<{ line: number; reason: string }>;
  ignoredColumns: string[];
}

/**
 * Imports contacts from CSV. A file that cannot be read at all (not CSV, no name
 * column, too many rows) is refused whole; otherwise each line is accepted or
 * rejected with its reason, and the accepted ones are written in one transaction, so
 * an import is never half done.
 */
export async function importContacts(
  db: Knex,
  tenant: TenantScope,
  events: EventBus,
  contacts: ContactService,
  text: string,
): Promise<ImportReport> {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  } catch (error) {
    throw new InputError(`The file is not valid CSV: ${(error as Error).message}`, { type: 'csv-invalid' });
  }
  const [header, ...lines] = records;
  if (!header) throw new InputError('The file is empty.', { type: 'csv-invalid' });
  const fields = header.map((name) => headerNames[name.trim().toLowerCase()]);
  if (!fields.includes('name'))
    throw new InputError(
      `The first line must name the columns, one of them "name". Known columns: ${Object.keys(headerNames).join(', ')}.`,
      { type: 'csv-invalid' },
    );
  if (lines.length > maxImportRows)
    throw new InputError(`At most ${maxImportRows} contacts per import; this file has ${lines.length}.`, {
      type: 'csv-too-large',
    });

  const report: ImportReport = { accepted: 0, rejected: [], ignoredColumns: header.filter((_, i) => !fields[i]) };
  const accepted: Array<{ line: number; fields: ContactFields }> = [];
  const emailLines = new Map<string, number>();
  lines.forEach((cells, index) => {
    const line = index + 2;
    const reject = (reason: string) => void report.rejected.push({ line, reason });
    if (cells.length > header.length) return reject(`it has ${cells.length} cells, the header ${header.length}`);
    const raw: Partial<ContactFields> = {};
    fields.forEach((field, i) => {
      if (field && cells[i] !== undefined && cells[i] !== '') raw[field] = unguard(cells[i]!);
    });
    const contact = { notes: '', email: null, phone: null, company: null, ...cleanFields(raw) } as ContactFields;
    const problem = fieldProblem(contact);
    if (problem) return reject(problem);
    if (contact.email) {
      const earlier = emailLines.get(contact.email);
      if (earlier) return reject(`the e-mail ${contact.email} is on line ${earlier} already`);
      emailLines.set(contact.email, line);
    }
    accepted.push({ line, fields: contact });
  });

  const known = await contacts.existingEmails(tenant, [...emailLines.keys()]);
  const fresh = accepted.filter(({ line, fields: contact }) => {
    if (!contact.email || !known.has(contact.email)) return true;
    report.rejected.push({ line, reason: `a contact with the e-mail ${contact.email} exists` });
    return false;
  });
  report.rejected.sort((a, b) => a.line - b.line);

  const now = new Date().toISOString();
  await db.transaction(async (trx) => {
    for (let i = 0; i < fresh.length; i += 500) {
      const batch = fresh.slice(i, i + 500).map(({ fields: contact }) => ({
        id: randomUUID(),
        tenant_id: tenant.tenantId,
        ...toRow(contact),
        created_at: now,
        updated_at: now,
      }));
      await trx('contacts_contacts').insert(batch);
    }
  });
  report.accepted = fresh.length;
  await events.publish(
    'contacts.import.completed',
    { accepted: report.accepted, rejected: report.rejected.length },
    { tenantId: tenant.tenantId },
  );
  return report;
}

/** Why these fields cannot be a contact, or undefined. The same rules as the API's schema. */
function fieldProblem(contact: ContactFields): string | undefined {
  if (!contact.name) return 'the name is empty';
  for (const field of Object.keys(limits) as Array<keyof typeof limits>) {
    const value = contact[field];
    if (value && value.length > limits[field]) return `the ${field} is longer than ${limits[field]} characters`;
  }
  if (contact.email && !emailPattern.test(contact.email)) return `"${contact.email}" is not an e-mail address`;
  if (contact.phone && !new RegExp(phonePattern).test(contact.phone))
    return `"${contact.phone}" is not a phone number (digits, spaces and + ( ) . / - x)`;
  return undefined;
}

/** Reads back a cell that the export guarded against spreadsheet formulas. */
function unguard(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

/** Contacts as CSV rows, in the columns the import reads back (the core's sendCsv guards the cells). */
export function contactRows(contacts: Contact[]): unknown[][] {
  return [
    ['name', 'email', 'phone', 'company', 'notes', 'devices', 'created'],
    ...contacts.map((c) => [
      c.name,
      c.email ?? '',
      c.phone ?? '',
      c.company ?? '',
      c.notes,
      c.deviceCount,
      c.createdAt,
    ]),
  ];
}
