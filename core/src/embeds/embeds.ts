import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Type } from '@sinclair/typebox';
import type Koa from 'koa';
import type { Knex } from 'knex';
import { InputError } from '../errors.js';
import { normalizeOrigin } from '../http/origin.js';

/** The websites field of a widget's settings, as routes take it. */
export const allowedOriginsSchema = Type.Array(Type.String({ minLength: 1, maxLength: 200 }), {
  maxItems: 50,
  description: 'Websites that may use the widget (https://www.example.com); empty: any',
});

/** What every embeddable widget has: the websites that may use it (none listed: any). */
export interface EmbedSettings {
  allowedOrigins: string[];
}

export interface Embed<T extends EmbedSettings> {
  /** Public: it goes into the snippet on the tenant's website and names the widget, nothing more. */
  key: string;
  tenantId: string;
  settings: T;
}

/**
 * Widgets that tenants put on their own websites (a code-entry field, a support form):
 * one per tenant and kind, each with a random public key and the plugin's settings.
 */
export class Embeds {
  constructor(private readonly db: Knex) {}

  /** The tenant's widget of this kind (`<plugin>.<widget>`), made with `defaults` the first time. */
  async get<T extends EmbedSettings>(tenantId: string, kind: string, defaults: T): Promise<Embed<T>> {
    const found = await this.db('core_embeds').where({ tenant_id: tenantId, kind }).first();
    if (found) return toEmbed<T>(found, defaults);
    await this.db('core_embeds')
      .insert({
        key: randomBytes(12).toString('base64url'),
        tenant_id: tenantId,
        kind,
        settings: JSON.stringify(defaults),
        updated_at: new Date().toISOString(),
      })
      .onConflict(['tenant_id', 'kind'])
      .ignore();
    return toEmbed<T>(await this.db('core_embeds').where({ tenant_id: tenantId, kind }).first(), defaults);
  }

  /** Replaces the settings; the websites are checked and written in one form (400 names a bad one, nothing is saved). */
  async update<T extends EmbedSettings>(tenantId: string, kind: string, settings: T, defaults: T): Promise<Embed<T>> {
    const allowedOrigins = [
      ...new Set(
        settings.allowedOrigins.map((origin) => {
          const normal = normalizeOrigin(origin);
          if (!normal) throw new InputError(`"${origin}" is not a website origin: write it as https://www.example.com`);
          return normal;
        }),
      ),
    ];
    await this.get(tenantId, kind, defaults);
    await this.db('core_embeds')
      .where({ tenant_id: tenantId, kind })
      .update({ settings: JSON.stringify({ ...settings, allowedOrigins }), updated_at: new Date().toISOString() });
    return this.get(tenantId, kind, defaults);
  }

  async byKey<T extends EmbedSettings>(kind: string, key: string, defaults: T): Promise<Embed<T> | undefined> {
    const row = await this.db('core_embeds').where({ key, kind }).first();
    return row ? toEmbed<T>(row, defaults) : undefined;
  }
}

/** Settings saved before a plugin added a field get that field's default. */
function toEmbed<T extends EmbedSettings>(
  row: { key: string; tenant_id: string; settings: string },
  defaults: T,
): Embed<T> {
  return {
    key: row.key,
    tenantId: row.tenant_id,
    settings: { ...defaults, ...(JSON.parse(row.settings) as Partial<T>) },
  };
}

const runtimeFile = fileURLToPath(new URL('../../../embeds/runtime.js', import.meta.url));
const scripts = new Map<string, string>();

/**
 * Answers with an embeddable widget's browser script (`file`, a plain script that reads a
 * free variable `config` and may use the helpers of `core/embeds/runtime.js`: `element`,
 * `shadowHost`, `whenReady`), wrapped so that `config` is bound to these settings; any
 * website may load it, and browsers keep it for 5 minutes.
 */
export function sendEmbedScript(ctx: Koa.Context, file: string, config: Record<string, unknown>): void {
  if (!scripts.has(file)) scripts.set(file, `${readFileSync(runtimeFile, 'utf8')}\n${readFileSync(file, 'utf8')}`);
  ctx.type = 'text/javascript; charset=utf-8';
  ctx.set({ 'Cache-Control': 'public, max-age=300', 'Cross-Origin-Resource-Policy': 'cross-origin' });
  ctx.body = `(function (config) {\n${scripts.get(file)}\n})(${JSON.stringify(config)});\n`;
}
