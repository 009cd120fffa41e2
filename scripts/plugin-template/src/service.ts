import { randomUUID } from 'node:crypto';
import { ConflictError, type EventBus, NotFoundError, type TenantScope } from '@outpost/core';
import type { Knex } from 'knex';
import type { __Name__Config } from './config.js';
import { type ItemCreated, itemCreatedTopic } from './events.js';
import type { Item, NewItem } from './schemas.js';

interface ItemRow {
  id: string;
  title: string;
  created_at: string | Date;
  processed_at: string | Date | null;
}

const table = '__table___items';

const toItem = (row: ItemRow): Item => ({
  id: row.id,
  title: row.title,
  createdAt: new Date(row.created_at).toISOString(),
  processedAt: row.processed_at === null ? null : new Date(row.processed_at).toISOString(),
});

/** A tenant's items. Knows nothing of HTTP: the routes parse, authorize and call it. */
export class ItemService {
  constructor(
    private readonly db: Knex,
    private readonly events: EventBus,
    private readonly config: __Name__Config,
  ) {}

  async list(tenant: TenantScope, limit: number): Promise<Item[]> {
    const rows = (await tenant.table(table).orderBy('created_at', 'desc').orderBy('id').limit(limit)) as ItemRow[];
    return rows.map(toItem);
  }

  async get(tenant: TenantScope, id: string): Promise<Item> {
    const row = (await tenant.table(table).where({ id }).first()) as ItemRow | undefined;
    if (!row) throw new NotFoundError('No such item.');
    return toItem(row);
  }

  async create(tenant: TenantScope, input: NewItem): Promise<Item> {
    const item: Item = {
      id: randomUUID(),
      title: input.title.trim(),
      createdAt: new Date().toISOString(),
      processedAt: null,
    };
    await this.db.transaction(async (trx) => {
      const [{ count }] = await trx(table).where({ tenant_id: tenant.tenantId }).count({ count: '*' });
      if (Number(count) >= this.config.maxItems)
        throw new ConflictError(
          `This tenant has ${this.config.maxItems} items, the most plugins.__id__.maxItems allows.`,
        );
      await trx(table).insert({
        id: item.id,
        tenant_id: tenant.tenantId,
        title: item.title,
        created_at: item.createdAt,
      });
    });
    const payload: ItemCreated = { id: item.id, title: item.title };
    await this.events.publish(itemCreatedTopic, payload, { tenantId: tenant.tenantId });
    return item;
  }

  async delete(tenant: TenantScope, id: string): Promise<void> {
    if ((await tenant.table(table).where({ id }).delete()) === 0) throw new NotFoundError('No such item.');
  }

  /** The job's work: marks the item processed (again on a retry: it is idempotent). */
  async markProcessed(tenantId: string, id: string): Promise<void> {
    await this.db(table).where({ tenant_id: tenantId, id }).update({ processed_at: new Date().toISOString() });
  }
}
