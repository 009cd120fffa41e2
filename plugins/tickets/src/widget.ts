import type { Embed, Embeds, TenantScope } from '@outpost/core';
import { NotFoundError } from '@outpost/core';

export const widgetPositions = ['bottom-right', 'bottom-left'] as const;

export interface SupportWidgetSettings {
  companyName: string;
  color: string;
  position: (typeof widgetPositions)[number];
  greeting: string;
  /** Websites allowed to use the widget (`https://www.example.com`); empty: any. */
  allowedOrigins: string[];
}

export interface SupportWidget extends SupportWidgetSettings {
  key: string;
  snippet: string;
  testPage: string;
}

const kind = 'tickets.support-widget';

/** The support widget of each tenant: a floating button on the MSP's website that opens a ticket form. */
export class SupportWidgets {
  constructor(
    private readonly embeds: Embeds,
    private readonly baseUrl: string,
    private readonly tenantName: (tenantId: string) => Promise<string>,
  ) {}

  async get(tenant: TenantScope): Promise<SupportWidget> {
    return this.toWidget(await this.embeds.get(tenant.tenantId, kind, await this.defaults(tenant.tenantId)));
  }

  async update(tenant: TenantScope, settings: SupportWidgetSettings): Promise<SupportWidget> {
    const clean = { ...settings, companyName: settings.companyName.trim(), greeting: settings.greeting.trim() };
    return this.toWidget(await this.embeds.update(tenant.tenantId, kind, clean, await this.defaults(tenant.tenantId)));
  }

  async byKey(key: string): Promise<SupportWidget & { tenantId: string }> {
    const embed = await this.embeds.byKey<SupportWidgetSettings>(kind, key, await this.defaults(undefined));
    if (!embed) throw new NotFoundError('No such widget.');
    return { ...this.toWidget(embed), tenantId: embed.tenantId };
  }

  private async defaults(tenantId: string | undefined): Promise<SupportWidgetSettings> {
    return {
      companyName: tenantId ? await this.tenantName(tenantId) : 'Support',
      color: '#1d4ed8',
      position: 'bottom-right',
      greeting: 'Hi! Tell us what you need and we will answer by e-mail.',
      allowedOrigins: [],
    };
  }

  private toWidget(embed: Embed<SupportWidgetSettings>): SupportWidget {
    return {
      ...embed.settings,
      key: embed.key,
      snippet: `<script src="${new URL(`/support-widget/${embed.key}/widget.js`, this.baseUrl)}" async></script>`,
      testPage: new URL(`/support-widget/${embed.key}`, this.baseUrl).toString(),
    };
  }
}
