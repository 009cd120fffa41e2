import { type Embed, type Embeds, NotFoundError, type TenantScope } from '@outpost/core';

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

export const widgetKind = 'invites.code-widget';
const defaults: WidgetSettings = {
  color: '#1d4ed8',
  position: 'bottom-right',
  greeting: 'Did we give you a code? Enter it here to get connected.',
  allowedOrigins: [],
};

/** The code-entry widget of each tenant (kept by the core's embeds): its look, the websites that may use it, its snippet. */
export class WidgetService {
  constructor(
    private readonly embeds: Embeds,
    private readonly baseUrl: string,
    private readonly companyName: (tenantId: string) => Promise<string>,
  ) {}

  async get(tenant: TenantScope): Promise<Widget> {
    return this.toWidget(await this.embeds.get(tenant.tenantId, widgetKind, defaults));
  }

  async update(tenant: TenantScope, input: WidgetSettings): Promise<Widget> {
    return this.toWidget(
      await this.embeds.update(tenant.tenantId, widgetKind, { ...input, greeting: input.greeting.trim() }, defaults),
    );
  }

  /** The widget a public key names, with its tenant and the company name it shows. */
  async byKey(key: string): Promise<Widget & { tenantId: string; company: string }> {
    const embed = await this.embeds.byKey(widgetKind, key, defaults);
    if (!embed) throw new NotFoundError('No such widget.');
    return { ...this.toWidget(embed), tenantId: embed.tenantId, company: await this.companyName(embed.tenantId) };
  }

  private toWidget(embed: Embed<WidgetSettings>): Widget {
    return {
      ...embed.settings,
      key: embed.key,
      snippet: `<script src="${new URL(`/w/${embed.key}/code-widget.js`, this.baseUrl)}" async></script>`,
      testPage: new URL(`/w/${embed.key}`, this.baseUrl).toString(),
    };
  }
}
