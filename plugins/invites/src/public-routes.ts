import { fileURLToPath } from 'node:url';
import { Type } from '@sinclair/typebox';
import {
  ForbiddenError,
  GoneError,
  NotFoundError,
  type RequestScope,
  defineRoute,
  originAllowed,
  sendEmbedScript,
  sendHtmlPage,
} from '@outpost/core';
import { clientFileName, fetchClient } from './custom-client.js';
import { packageName, renderInvitePage, renderRefusalPage, renderWidgetTestPage } from './page.js';
import { invitesRef, publicPagesRef, supportRef, widgetRef } from './refs.js';
import { type Branding, type DownloadOs, downloadSystems } from './service.js';

const CodeParams = Type.Object({ code: Type.String({ maxLength: 40 }) }, { additionalProperties: false });

/** What a public code stands for: an invite, or a remote-support invitation (with its technician). */
interface PageTarget {
  code: string;
  displayCode: string;
  link: string;
  tenantId: string;
  branding: Branding;
  technician?: string;
  inUse?: boolean;
}

type Refusal = 'unknown' | 'expired' | 'full';

async function pageTarget(scope: RequestScope, code: string): Promise<PageTarget | { refused: Refusal }> {
  const service = scope.get(invitesRef);
  const found = await service.forPage(code);
  if (!('refused' in found) || found.refused !== 'unknown') {
    return 'refused' in found
      ? found
      : {
          code: found.invite.code,
          displayCode: found.invite.displayCode,
          link: found.invite.link,
          tenantId: found.tenantId,
          branding: found.branding,
        };
  }
  const support = await scope.get(supportRef).byCode(code);
  if (!support) return found;
  if (support.status === 'ended') return { refused: 'expired' };
  return {
    code: support.code,
    displayCode: support.displayCode,
    link: support.link,
    tenantId: support.tenantId,
    branding: await service.branding(support.tenantId),
    technician: support.technician,
    inUse: support.status === 'active',
  };
}

const refusals = {
  unknown: ['This invite is not valid', 'Check the link or the code, or ask whoever sent it for a new invite.'],
  expired: ['This invite has expired', 'Ask whoever sent it for a new invite.'],
  full: [
    'This invite is used up',
    'It has enrolled as many devices as it allows. Ask whoever sent it for a new invite.',
  ],
} as const;

const widgetSource = fileURLToPath(new URL('../../widget/code-widget.js', import.meta.url));
const KeyParams = Type.Object(
  { key: Type.String({ pattern: '^[A-Za-z0-9_-]+$', maxLength: 32 }) },
  { additionalProperties: false },
);

/** Public routes outside /api: the invite page, its downloads, and the code-entry widget. */
export const publicRoutes = [
  defineRoute({
    method: 'get',
    path: '/i/:code',
    summary: "The invite page: who invites, the download for the visitor's OS, install steps (HTML)",
    public: true,
    secretPath: true,
    schema: { params: CodeParams },
    handler: async ({ params, scope, ctx }) => {
      const { throttle } = scope.get(publicPagesRef);
      throttle.check(ctx.ip);
      const found = await pageTarget(scope, params.code);
      if ('refused' in found) {
        if (found.refused === 'unknown') throttle.fail(ctx.ip);
        const [title, detail] = refusals[found.refused];
        return sendHtmlPage(ctx, found.refused === 'unknown' ? 404 : 410, (nonce) =>
          renderRefusalPage(title, detail, nonce),
        );
      }
      const { branding } = found;
      sendHtmlPage(ctx, 200, (nonce) =>
        renderInvitePage(
          {
            company: branding.companyName,
            color: branding.primaryColor,
            logo: branding.logo,
            code: found.code,
            displayCode: found.displayCode,
            userAgent: ctx.get('user-agent'),
            technician: found.technician,
            inUse: found.inUse,
            customFiles: Object.fromEntries(
              downloadSystems.flatMap((os) =>
                branding.clientUrls[os] ? [[os, clientFileName(branding.clientUrls[os], found.code)]] : [],
              ),
            ),
          },
          nonce,
        ),
      );
    },
  }),
  defineRoute({
    method: 'get',
    path: '/i/:code/download/:os',
    summary:
      "The agent package for an invite, with the server and the code baked in (it enrolls on first start), or the tenant's own client for that OS under a name carrying the code",
    public: true,
    secretPath: true,
    schema: {
      params: Type.Object(
        {
          code: Type.String({ maxLength: 40 }),
          os: Type.Union([Type.Literal('linux'), Type.Literal('macos'), Type.Literal('windows')]),
        },
        { additionalProperties: false },
      ),
    },
    handler: async ({ params, scope, ctx }) => {
      const { agentPackage, customClients, outbound, throttle } = scope.get(publicPagesRef);
      throttle.check(ctx.ip);
      const found = await pageTarget(scope, params.code);
      if ('refused' in found) {
        if (found.refused === 'unknown') throttle.fail(ctx.ip);
        const Refused = found.refused === 'unknown' ? NotFoundError : GoneError;
        throw new Refused(refusals[found.refused].join(': '), { type: `invite-${found.refused}` });
      }
      const os = params.os as DownloadOs;
      const customUrl = found.branding.clientUrls[os];
      if (!customUrl) {
        ctx.type = 'application/gzip';
        ctx.set('Content-Disposition', `attachment; filename="${packageName(os, found.code)}"`);
        ctx.body = agentPackage.stream({ server: new URL(found.link).origin, code: found.code });
        return;
      }
      try {
        const download = await fetchClient(customUrl, outbound, customClients);
        ctx.type = download.contentType;
        if (download.contentLength) ctx.length = Number(download.contentLength);
        ctx.set('Content-Disposition', `attachment; filename="${clientFileName(customUrl, found.code)}"`);
        ctx.body = download.body;
      } catch (error) {
        scope.logger.warn(
          { tenantId: found.tenantId, os, host: new URL(customUrl).host, reason: (error as Error).message },
          'the custom client download failed',
        );
        sendHtmlPage(ctx, 502, (nonce) =>
          renderRefusalPage(
            'This download is not available right now',
            `Try again later, or tell ${found.branding.companyName}.`,
            nonce,
          ),
        );
      }
    },
  }),
  defineRoute({
    method: 'get',
    path: '/w/:key',
    summary: "A plain page that hosts the tenant's code-entry widget: to try it before pasting the snippet (HTML)",
    public: true,
    schema: { params: KeyParams },
    handler: async ({ params, scope, ctx }) => {
      const widget = await scope.get(widgetRef).byKey(params.key);
      sendHtmlPage(
        ctx,
        200,
        (nonce) => renderWidgetTestPage(widget.company, widget.key, nonce),
        "script-src 'self'; connect-src 'self'; ",
      );
    },
  }),
  defineRoute({
    method: 'get',
    path: '/w/:key/code-widget.js',
    summary: "The code-entry widget for a website, with the tenant's settings built in (JavaScript)",
    public: true,
    schema: { params: KeyParams },
    handler: async ({ params, scope, ctx }) => {
      const widget = await scope.get(widgetRef).byKey(params.key);
      const config = {
        origin: new URL(widget.testPage).origin,
        key: widget.key,
        company: widget.company,
        color: widget.color,
        position: widget.position,
        greeting: widget.greeting,
      };
      sendEmbedScript(ctx, widgetSource, config);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/w/:key/codes/:code',
    summary: "The widget's code lookup: who invites with this code, and the invitation page (CORS, no credentials)",
    public: true,
    secretPath: true,
    schema: {
      params: Type.Object(
        { key: KeyParams.properties.key, code: CodeParams.properties.code },
        { additionalProperties: false },
      ),
      response: Type.Object({
        company: Type.String(),
        technician: Type.Optional(Type.String()),
        displayCode: Type.String(),
        link: Type.String(),
      }),
    },
    handler: async ({ params, scope, ctx }) => {
      const origin = ctx.get('origin') || undefined;
      ctx.set({ 'Access-Control-Allow-Origin': origin ?? '*', Vary: 'Origin' });
      const widget = await scope.get(widgetRef).byKey(params.key);
      if (!originAllowed(widget.allowedOrigins, origin)) {
        ctx.remove('Access-Control-Allow-Origin');
        throw new ForbiddenError('This website may not use the widget.', { type: 'widget-origin' });
      }
      const { throttle } = scope.get(publicPagesRef);
      throttle.check(ctx.ip);
      const found = await pageTarget(scope, params.code);
      // A code of another tenant is no code here: this widget speaks for one company.
      if ('refused' in found ? found.refused === 'unknown' : found.tenantId !== widget.tenantId) {
        throttle.fail(ctx.ip);
        throw new NotFoundError('This code is not valid. Check it and try again.', { type: 'invite-unknown' });
      }
      if ('refused' in found) {
        throw new GoneError(
          `This invitation ${found.refused === 'full' ? 'is used up' : 'has expired'}. Ask for a new one.`,
          { type: `invite-${found.refused}` },
        );
      }
      return {
        company: found.branding.companyName,
        technician: found.technician,
        displayCode: found.displayCode,
        link: found.link,
      };
    },
  }),
];
