import { randomUUID } from 'node:crypto';
import {
  type Directory,
  type EventBus,
  InputError,
  NotFoundError,
  type TenantScope,
  decodeCursor,
  encodeCursor,
  isPositiveInteger,
  pageLimit,
} from '@outpost/core';
import type { ContactDirectory } from '@outpost/plugin-contacts';
import type { DeviceDirectory } from '@outpost/plugin-devices';
import type { Knex } from 'knex';

export const priorities = ['low', 'medium', 'high', 'urgent'] as const;
export const statuses = ['open', 'in_progress', 'waiting', 'resolved', 'closed'] as const;
export const sources = ['portal', 'dashboard', 'widget'] as const;
/** The statuses of a ticket someone still has to deal with. */
export const openStatuses: readonly Status[] = ['open', 'in_progress', 'waiting'];
export type Priority = (typeof priorities)[number];
export type Status = (typeof statuses)[number];
export type Source = (typeof sources)[number];

/** Who does something to a ticket: a team member, or the customer (no user id). */
export interface Actor {
  userId: string | null;
  name: string;
}

export interface Ticket {
  id: string;
  number: number;
  subject: string;
  description: string;
  priority: Priority;
  status: Status;
  source: Source;
  assignee: { id: string; name: string } | null;
  contact: { id: string; name: string; email: string | null } | null;
  device: { id: string; name: string } | null;
  requesterEmail: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Message {
  id: string;
  kind: 'reply' | 'note' | 'customer';
  author: string;
  body: string;
  createdAt: string;
}

export interface Change {
  field: string;
  from: string | null;
  to: string | null;
}

export interface HistoryEntry extends Change {
  actor: string;
  at: string;
}

export interface NewTicket {
  subject: string;
  description: string;
  priority: Priority;
  source: Source;
  assigneeId?: string | null;
  contactId?: string | null;
  deviceId?: string | null;
  requesterEmail?: string | null;
}

export interface TicketFilters {
  status?: Status;
  priority?: Priority;
  source?: Source;
  /** A user id, or `none` for unassigned tickets. */
  assignee?: string;
  contactId?: string;
  deviceId?: string;
  q?: string;
  limit: number;
  cursor?: string;
}

interface TicketRow {
  id: string;
  tenant_id: string;
  number: number;
  subject: string;
  description: string;
  priority: Priority;
  status: Status;
  source: Source;
  assignee_id: string | null;
  contact_id: string | null;
  device_id: string | null;
  requester_email: string | null;
  created_at: string | Date;
  updated_at: string | Date;
}

const iso = (value: string | Date): string => new Date(value).toISOString();

/** What happened to a ticket, for the mail and the notifications that follow. */
export type TicketNews =
  | { kind: 'created'; ticket: Ticket; tenantId: string }
  | { kind: 'assigned'; ticket: Ticket; tenantId: string }
  | { kind: 'replied'; ticket: Ticket; tenantId: string; message: Message; from: 'team' | 'customer' };

/**
 * Tickets: numbered per tenant, with replies the customer sees, internal notes the team
 * sees, and a history of every change. `onNews` hears of new tickets and replies (mail).
 */
export class TicketService {
  constructor(
    private readonly db: Knex,
    private readonly events: EventBus,
    private readonly contacts: ContactDirectory,
    private readonly devices: DeviceDirectory,
    private readonly directory: Directory,
    private readonly onNews: (news: TicketNews) => Promise<void>,
  ) {}

  /** A ticket for a device and no contact named gets the device's contact, if it has one. */
  async create(tenant: TenantScope, input: NewTicket, actor: Actor): Promise<Ticket> {
    await this.checkLinks(tenant, input);
    if (input.deviceId && input.contactId === undefined)
      input = { ...input, contactId: (await this.contacts.ofDevice(tenant.tenantId, input.deviceId))[0]?.id ?? null };
    const now = new Date().toISOString();
    const id = randomUUID();
    await this.db.transaction(async (trx) => {
      const number = await nextNumber(trx, tenant.tenantId);
      await trx('tickets_tickets').insert({
        id,
        tenant_id: tenant.tenantId,
        number,
        subject: input.subject.trim(),
        description: input.description,
        priority: input.priority,
        status: 'open',
        source: input.source,
        assignee_id: input.assigneeId ?? null,
        contact_id: input.contactId ?? null,
        device_id: input.deviceId ?? null,
        requester_email: input.requesterEmail?.trim().toLowerCase() || null,
        created_at: now,
        updated_at: now,
      });
      await trx('tickets_history').insert({
        id: randomUUID(),
        ticket_id: id,
        tenant_id: tenant.tenantId,
        actor_name: actor.name,
        field: 'created',
        from_value: null,
        to_value: input.source,
        created_at: now,
      });
    });
    const ticket = await this.get(tenant, id);
    await this.events.publish('tickets.ticket.created', eventOf(ticket), { tenantId: tenant.tenantId });
    await this.onNews({ kind: 'created', ticket, tenantId: tenant.tenantId });
    return ticket;
  }

  /** Newest first (by number), filtered; keyset pages. */
  async list(tenant: TenantScope, filters: TicketFilters): Promise<{ items: Ticket[]; nextCursor: string | null }> {
    let query = tenant.table('tickets_tickets');
    if (filters.status) query = query.where({ status: filters.status });
    if (filters.priority) query = query.where({ priority: filters.priority });
    if (filters.source) query = query.where({ source: filters.source });
    if (filters.assignee === 'none') query = query.whereNull('assignee_id');
    else if (filters.assignee) query = query.where({ assignee_id: filters.assignee });
    if (filters.contactId) query = query.where({ contact_id: filters.contactId });
    if (filters.deviceId) query = query.where({ device_id: filters.deviceId });
    const q = filters.q?.trim();
    if (q) {
      const number = /^#?(\d{1,9})$/.exec(q)?.[1];
      const pattern = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where((w) => {
        w.whereRaw("lower(subject) like ? escape '\\'", [pattern]);
        if (number) w.orWhere({ number: Number(number) });
      });
    }
    if (filters.cursor) query = query.where('number', '<', decodeCursor(filters.cursor, isPositiveInteger));
    const limit = pageLimit(filters.limit);
    const rows = (await query.orderBy('number', 'desc').limit(limit + 1)) as TicketRow[];
    const page = rows.slice(0, limit);
    const nextCursor = rows.length > limit ? encodeCursor(page.at(-1)!.number) : null;
    return { items: await this.toTickets(tenant.tenantId, page), nextCursor };
  }

  /** How many tickets are still to be dealt with (open, in progress, waiting), by priority. */
  async openCounts(tenant: TenantScope): Promise<{ open: number; byPriority: Record<Priority, number> }> {
    const rows: Array<{ priority: Priority; n: number | string }> = await tenant
      .table('tickets_tickets')
      .whereIn('status', openStatuses)
      .groupBy('priority')
      .select('priority')
      .count({ n: '*' });
    const byPriority = Object.fromEntries(priorities.map((p) => [p, 0])) as Record<Priority, number>;
    for (const row of rows) byPriority[row.priority] = Number(row.n);
    return { open: Object.values(byPriority).reduce((a, b) => a + b, 0), byPriority };
  }

  async get(tenant: TenantScope, id: string): Promise<Ticket> {
    const [ticket] = await this.toTickets(tenant.tenantId, [await this.row(tenant, id)]);
    return ticket!;
  }

  /** The conversation; the customer's view leaves internal notes out. */
  async messages(tenant: TenantScope, id: string, audience: 'team' | 'customer'): Promise<Message[]> {
    await this.row(tenant, id);
    let query = tenant.table('tickets_messages').where({ ticket_id: id });
    if (audience === 'customer') query = query.whereNot({ kind: 'note' });
    const rows = await query.orderBy('created_at').orderBy('id');
    return rows.map((r: Record<string, any>) => ({
      id: r.id,
      kind: r.kind,
      author: r.author_name,
      body: r.body,
      createdAt: iso(r.created_at),
    }));
  }

  async history(tenant: TenantScope, id: string): Promise<HistoryEntry[]> {
    await this.row(tenant, id);
    const rows = await tenant
      .table('tickets_history')
      .where({ ticket_id: id })
      .orderBy('created_at')
      .orderBy('position');
    return rows.map((r: Record<string, any>) => ({
      actor: r.actor_name,
      field: r.field,
      from: r.from_value,
      to: r.to_value,
      at: iso(r.created_at),
    }));
  }

  /** Changes fields, keeping a history entry for each that really changed. */
  async update(
    tenant: TenantScope,
    id: string,
    input: Partial<Pick<NewTicket, 'priority' | 'assigneeId' | 'contactId' | 'deviceId'>> & {
      subject?: string;
      status?: Status;
    },
    actor: Actor,
  ): Promise<Ticket> {
    const row = await this.row(tenant, id);
    await this.checkLinks(tenant, input);
    const wanted: Record<string, string | null | undefined> = {
      subject: input.subject?.trim(),
      priority: input.priority,
      status: input.status,
      assignee_id: input.assigneeId,
      contact_id: input.contactId,
      device_id: input.deviceId,
    };
    const changes = Object.entries(wanted)
      .filter(([column, value]) => value !== undefined && value !== (row as unknown as Record<string, unknown>)[column])
      .map(([column, value]) => ({
        column,
        from: (row as unknown as Record<string, string | null>)[column]!,
        to: value!,
      }));
    if (changes.length === 0) return this.get(tenant, id);
    await this.apply(tenant, id, changes, actor);
    const ticket = await this.get(tenant, id);
    await this.events.publish(
      'tickets.ticket.updated',
      { ...eventOf(ticket), changes: changes.map(({ column, from, to }) => ({ field: fieldName(column), from, to })) },
      { tenantId: tenant.tenantId },
    );
    if (changes.some((c) => c.column === 'assignee_id' && c.to && c.to !== actor.userId))
      await this.onNews({ kind: 'assigned', ticket, tenantId: tenant.tenantId });
    return ticket;
  }

  /** A reply the customer sees (mailed to them), or an internal note. */
  async reply(tenant: TenantScope, id: string, body: string, internal: boolean, actor: Actor): Promise<Message> {
    await this.row(tenant, id);
    const message = await this.addMessage(tenant.tenantId, id, internal ? 'note' : 'reply', body, actor);
    const ticket = await this.get(tenant, id);
    if (internal) {
      await this.events.publish(
        'tickets.note.added',
        { id, number: ticket.number, author: actor.name },
        { tenantId: tenant.tenantId },
      );
      return message;
    }
    await this.publishReply(tenant.tenantId, ticket, message, 'team');
    return message;
  }

  /** The customer answers (from the portal link): a waiting or resolved ticket opens again. */
  async customerReply(tenant: TenantScope, id: string, body: string): Promise<Message> {
    const row = await this.row(tenant, id);
    if (row.status === 'closed')
      throw new InputError('This ticket is closed. Open a new request for anything else.', { type: 'ticket-closed' });
    const customer = {
      userId: null,
      name: (await this.toTickets(tenant.tenantId, [row]))[0]!.contact?.name ?? row.requester_email ?? 'Customer',
    };
    const message = await this.addMessage(tenant.tenantId, id, 'customer', body, customer);
    if (row.status === 'waiting' || row.status === 'resolved')
      await this.apply(tenant, id, [{ column: 'status', from: row.status, to: 'open' }], customer);
    await this.publishReply(tenant.tenantId, await this.get(tenant, id), message, 'customer');
    return message;
  }

  /** Where a customer's mail goes: the contact's e-mail, else the address the ticket came from. */
  recipientOf(ticket: Ticket): string | null {
    return ticket.contact?.email ?? ticket.requesterEmail;
  }

  private async publishReply(
    tenantId: string,
    ticket: Ticket,
    message: Message,
    from: 'team' | 'customer',
  ): Promise<void> {
    await this.events.publish(
      'tickets.ticket.replied',
      {
        id: ticket.id,
        number: ticket.number,
        subject: ticket.subject,
        messageId: message.id,
        author: message.author,
        from,
      },
      { tenantId },
    );
    await this.onNews({ kind: 'replied', ticket, tenantId, message, from });
  }

  private async addMessage(
    tenantId: string,
    ticketId: string,
    kind: Message['kind'],
    body: string,
    actor: Actor,
  ): Promise<Message> {
    const message = { id: randomUUID(), kind, author: actor.name, body, createdAt: new Date().toISOString() };
    await this.db.transaction(async (trx) => {
      await trx('tickets_messages').insert({
        id: message.id,
        ticket_id: ticketId,
        tenant_id: tenantId,
        kind,
        author_id: actor.userId,
        author_name: actor.name,
        body,
        created_at: message.createdAt,
      });
      await trx('tickets_tickets').where({ id: ticketId }).update({ updated_at: message.createdAt });
    });
    return message;
  }

  private async apply(
    tenant: TenantScope,
    id: string,
    changes: Array<{ column: string; from: string | null; to: string | null }>,
    actor: Actor,
  ): Promise<void> {
    const now = new Date().toISOString();
    await this.db.transaction(async (trx) => {
      await trx('tickets_tickets')
        .where({ tenant_id: tenant.tenantId, id })
        .update({ ...Object.fromEntries(changes.map((c) => [c.column, c.to])), updated_at: now });
      await trx('tickets_history').insert(
        changes.map((c, position) => ({
          id: randomUUID(),
          ticket_id: id,
          tenant_id: tenant.tenantId,
          actor_name: actor.name,
          field: fieldName(c.column),
          from_value: c.from,
          to_value: c.to,
          created_at: now,
          position,
        })),
      );
    });
  }

  /** Assignee, contact and device must be the tenant's own. */
  private async checkLinks(
    tenant: TenantScope,
    input: { assigneeId?: string | null; contactId?: string | null; deviceId?: string | null },
  ): Promise<void> {
    if (input.assigneeId && !(await this.directory.isMember(tenant.tenantId, input.assigneeId)))
      throw new NotFoundError('No such team member.');
    if (input.contactId && (await this.contacts.describe(tenant.tenantId, [input.contactId])).length === 0)
      throw new NotFoundError('No such contact.');
    if (input.deviceId && (await this.devices.describe(tenant.tenantId, [input.deviceId])).length === 0)
      throw new NotFoundError('No such device.');
  }

  private async row(tenant: TenantScope, id: string): Promise<TicketRow> {
    const row = (await tenant.table('tickets_tickets').where({ id }).first()) as TicketRow | undefined;
    if (!row) throw new NotFoundError('No such ticket.');
    return row;
  }

  /** Rows with the names of their assignee, contact and device, looked up once per page. */
  private async toTickets(tenantId: string, rows: TicketRow[]): Promise<Ticket[]> {
    const ids = (key: 'assignee_id' | 'contact_id' | 'device_id') => [
      ...new Set(rows.map((r) => r[key]).filter((v): v is string => Boolean(v))),
    ];
    const [users, contacts, devices] = await Promise.all([
      this.directory.users(ids('assignee_id')),
      this.contacts.describe(tenantId, ids('contact_id')),
      this.devices.describe(tenantId, ids('device_id')),
    ]);
    const contactById = new Map(contacts.map((c) => [c.id, c]));
    const deviceById = new Map(devices.map((d) => [d.id, d]));
    return rows.map((row) => {
      const contact = row.contact_id ? contactById.get(row.contact_id) : undefined;
      const device = row.device_id ? deviceById.get(row.device_id) : undefined;
      return {
        id: row.id,
        number: Number(row.number),
        subject: row.subject,
        description: row.description,
        priority: row.priority,
        status: row.status,
        source: row.source,
        assignee: row.assignee_id ? { id: row.assignee_id, name: users.get(row.assignee_id)?.displayName ?? '' } : null,
        contact: contact ? { id: contact.id, name: contact.name, email: contact.email } : null,
        device: device ? { id: device.id, name: device.name } : null,
        requesterEmail: row.requester_email,
        createdAt: iso(row.created_at),
        updatedAt: iso(row.updated_at),
      };
    });
  }
}

/** The next ticket number of a tenant, inside the caller's transaction: 1, 2, 3 … with no gaps or repeats across instances. */
async function nextNumber(trx: Knex.Transaction, tenantId: string): Promise<number> {
  await trx('tickets_counters').insert({ tenant_id: tenantId, last_number: 0 }).onConflict('tenant_id').ignore();
  const [row] = await trx('tickets_counters')
    .where({ tenant_id: tenantId })
    .increment('last_number', 1)
    .returning('last_number');
  return Number((row as { last_number: number }).last_number);
}

const fieldNames: Record<string, string> = { assignee_id: 'assignee', contact_id: 'contact', device_id: 'device' };
const fieldName = (column: string) => fieldNames[column] ?? column;

function eventOf(ticket: Ticket) {
  return {
    id: ticket.id,
    number: ticket.number,
    subject: ticket.subject,
    priority: ticket.priority,
    status: ticket.status,
    source: ticket.source,
    assigneeId: ticket.assignee?.id ?? null,
    contactId: ticket.contact?.id ?? null,
    deviceId: ticket.device?.id ?? null,
  };
}
