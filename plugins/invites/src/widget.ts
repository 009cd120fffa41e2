import { randomBytes } from 'node:crypto';
import { InputError, NotFoundError, type TenantScope } from '@outpost/core';
import type { Knex } from 'knex';

export const widgetPositions = ['bottom-right', 'bottom-left', 'inline'] as const;
export type WidgetPosition = (typeof widgetPositions)[number];

export interface WidgetSettings {
  color: string;
  position: WidgetPosition;
  greeting: string;
  /** Websites allowed to use the widget (`https://www.example.com`); empty: any. */
  allowedOrigins: string[];
}

export interface Widget extends WidgetSettings {
  /** Public: it names the tenant's widget in the snippet, and grants nothing else. */
  key: string;
  snippet: string;
  testPage: string;
}

interface WidgetRow {
  tenant_id: string;
  key: string;
  color: string;
  position: WidgetPosition;
  greeting: string;
  allowed_origins: string;
}

const defaults = { color: '#1d4ed8', position: 'bottom-right', greeting: 'Did we give you a code? Enter it here to get connected.', allowedOrigins: [] } satisfies WidgetSettings;

/** `https://www.example.com/` or `HTTPS://www.Example.com` → `https://www.example.com`; undefined when it is not an origin. */
function normalizeOrigin(input: string): string | undefined {
  try {
    const url = new URL(input.trim());
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.pathname !== '/' || url.search || url.hash || url.username) return undefined;
    return url.origin;
  } catch {
    return undefined;
  }
}

/**
 * The code-entry widget of each tenant: its look, the websites that may use it, and the
 * public key its snippet carries. Settings exist from the first time anyone asks for them.
 */
export class WidgetService {
  constructor(
    private readonly db: Knex,
    private readonly baseUrl: string,
    private readonly companyName: (tenantId: string) => Promise<string>,
  ) {}

  async get(tenant: TenantScope): Promise<Widget> {
    const row = await this.row(tenant.tenantId);
    return this.toWidget(row);
  }

  async update(tenant: TenantScope, input: WidgetSettings): Promise<Widget> {
    const origins = input.allowedOrigins.map((origin) => {
      const normal = normalizeOrigin(origin);
      if (!normal) throw new InputError(`"${origin}" is not a website origin: write it as https://www.example.com`);
      return normal;
    });
    await this.row(tenant.tenantId);
    await this.db('invites_widget')
      .where({ tenant_id: tenant.tenantId })
      .update({ color: input.color, position: input.position, greeting: input.greeting.trim(), allowed_origins: JSON.stringify([...new Set(origins)]), updated_at: new Date().toISOString() });
    return this.get(tenant);
  }

  /** The widget a public key names, with its tenant and the company name it shows. */
  async byKey(key: string): Promise<Widget & { tenantId: string; company: string }> {
    const row = (await this.db('invites_widget').where({ key }).first()) as WidgetRow | undefined;
    if (!row) throw new NotFoundError('No such widget.');
    return { ...this.toWidget(row), tenantId: row.tenant_id, company: await this.companyName(row.tenant_id) };
  }

  private async row(tenantId: string): Promise<WidgetRow> {
    const found = (await this.db('invites_widget').where({ tenant_id: tenantId }).first()) as WidgetRow | undefined;
    if (found) return found;
    await this.db('invites_widget')
      .insert({
        tenant_id: tenantId,
        key: randomBytes(12).toString('base64url'),
        color: defaults.color,
        position: defaults.position,
        greeting: defaults.greeting,
        allowed_origins: '[]',
        updated_at: new Date().toISOString(),
      })
      .onConflict('tenant_id')
      .ignore();
    return (await this.db('invites_widget').where({ tenant_id: tenantId }).first()) as WidgetRow;
  }

  private toWidget(row: WidgetRow): Widget {
    const script = new URL(`/w/${row.key}/code-widget.js`, this.baseUrl).toString();
    return {
      key: row.key,
      color: row.color,
      position: row.position,
      greeting: row.greeting,
      allowedOrigins: JSON.parse(row.allowed_origins) as string[],
      snippet: `<script src="${script}" async></script>`,
      testPage: new URL(`/w/${row.key}`, this.baseUrl).toString(),
    };
  }
}

/** May a page of this origin use the widget? (No Origin header: not a browser's cross-origin call, nothing to grant.) */
export function originAllowed(widget: WidgetSettings, origin: string | undefined): boolean {
  if (!origin) return true;
  return widget.allowedOrigins.length === 0 || widget.allowedOrigins.includes(origin);
}
