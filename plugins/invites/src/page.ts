import { escapeHtml } from '@outpost/core';
import Bowser from 'bowser';
import type { DownloadOs } from './service.js';

export interface InvitePageView {
  company: string;
  color: string;
  logo: string | null;
  code: string;
  displayCode: string;
  userAgent: string;
  /** For a remote-support invitation: the technician who invites. */
  technician?: string;
  /** A remote-support invitation whose one computer has joined: nothing more to download. */
  inUse?: boolean;
  /** The file served per OS where the tenant hosts its own client. */
  customFiles: Partial<Record<DownloadOs, string>>;
}

const osNames: Record<DownloadOs, string> = { linux: 'Linux', macos: 'macOS', windows: 'Windows' };

/** The visitor's OS from the user agent; Linux when it cannot tell (the package that always exists). */
export function detectOs(userAgent: string): DownloadOs {
  const os = Bowser.parse(userAgent || 'unknown').os.name?.toLowerCase() ?? '';
  if (os.includes('windows')) return 'windows';
  if (os.includes('mac')) return 'macos';
  return 'linux';
}

/** A phone or tablet: the agent runs on computers only. */
export function isHandheld(userAgent: string): boolean {
  const parsed = Bowser.parse(userAgent || 'unknown');
  return ['mobile', 'tablet'].includes(parsed.platform.type ?? '') || /^(ios|android)$/i.test(parsed.os.name ?? '');
}

export function packageName(os: DownloadOs, code: string): string {
  return `outpost-agent-${os}-${code}.tar.gz`;
}

function steps(os: DownloadOs, code: string, company: string, customFile: string | undefined): string[] {
  if (customFile)
    return [
      `Download <code>${escapeHtml(customFile)}</code>.`,
      `Run it and follow its steps: it connects this computer to ${escapeHtml(company)}.`,
    ];
  const file = packageName(os, code);
  if (os === 'windows') {
    return [
      `Download <code>${file}</code> and extract it (Windows 10 and later open .tar.gz files).`,
      'Install Node.js 20 or newer if the machine has none.',
      'In the extracted folder run <code>node bin\\outpost-agent.js run --state agent.json --config outpost-agent.json</code>.',
    ];
  }
  return [
    `Download <code>${file}</code>.`,
    `Unpack it: <code>tar xzf ${file}</code>`,
    'Start it: <code>./outpost-agent/start.sh</code> (needs Node.js 20 or newer). It registers this computer with no further input.',
    'To keep it running after restarts, install it as a service instead: <code>sudo sh outpost-agent/packaging/install.sh</code>',
  ];
}

/** The public page an invite link opens: who invites, the right download for this OS, and how to install it. */
export function renderInvitePage(view: InvitePageView, nonce: string): string {
  if (view.inUse) return renderInUsePage(view, nonce);
  const os = detectOs(view.userAgent);
  const color = /^#[0-9a-fA-F]{6}$/.test(view.color) ? view.color : '#1d4ed8';
  const others = (Object.keys(osNames) as DownloadOs[]).filter((o) => o !== os);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(view.company)}: connect this computer</title>
<style nonce="${nonce}">
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; background: #f1f5f9; color: #0f172a; }
  main { max-width: 40rem; margin: 2rem auto; background: #fff; border-radius: 14px; padding: 2rem; box-shadow: 0 1px 3px rgb(0 0 0 / 0.12); }
  header { display: flex; align-items: center; gap: 1rem; border-bottom: 4px solid ${color}; padding-bottom: 1rem; margin-bottom: 1.25rem; }
  header img { max-height: 3rem; max-width: 10rem; }
  h1 { font-size: 1.4rem; margin: 0; min-width: 0; overflow-wrap: anywhere; }
  a.download { display: inline-block; background: ${color}; color: #fff; padding: 0.8rem 1.4rem; border-radius: 8px; text-decoration: none; font-weight: 600; }
  a.download:focus-visible { outline: 3px solid #93c5fd; outline-offset: 2px; }
  code { background: #f1f5f9; padding: 0.1rem 0.35rem; border-radius: 4px; word-break: break-all; }
  .code { font-size: 1.3rem; letter-spacing: 0.08em; font-family: ui-monospace, monospace; }
  .muted { color: #475569; font-size: 0.9rem; }
  ol li { margin-bottom: 0.4rem; }
  @media (max-width: 640px) { main { margin: 0; border-radius: 0; padding: 1.25rem; } }
</style>
</head>
<body>
<main>
  <header>${view.logo ? `<img src="${escapeHtml(view.logo)}" alt="${escapeHtml(view.company)}">` : ''}<h1>${view.technician ? `${escapeHtml(view.technician)} from ${escapeHtml(view.company)} invites you to a remote-support session` : `${escapeHtml(view.company)} invites you to connect this computer`}</h1></header>
  <p>Installing the Outpost agent lets ${escapeHtml(view.company)} see this computer's status and help you with it.${view.technician ? ` ${escapeHtml(view.technician)} is told as soon as it runs.` : ''}</p>
  ${
    isHandheld(view.userAgent)
      ? `<p data-testid="handheld">The Outpost agent runs on Windows, macOS and Linux computers, not on phones or tablets. Open this link on the computer you want help with, or enter the invite code there.</p>
  <p class="muted">Invite code: <span class="code">${escapeHtml(view.displayCode)}</span></p>
  <p class="muted">Downloads: ${(Object.keys(osNames) as DownloadOs[]).map((o) => `<a href="/i/${view.code}/download/${o}">${osNames[o]}</a>`).join(' · ')}</p>`
      : `<p><a class="download" href="/i/${view.code}/download/${os}" data-os="${os}">Download for ${osNames[os]}</a></p>
  <ol>${steps(os, view.code, view.company, view.customFiles[os])
    .map((step) => `<li>${step}</li>`)
    .join('')}</ol>
  <p class="muted">Invite code: <span class="code">${escapeHtml(view.displayCode)}</span></p>
  <p class="muted">Another system? ${others.map((o) => `<a href="/i/${view.code}/download/${o}">${osNames[o]}</a>`).join(' · ')}</p>`
  }
</main>
</body>
</html>`;
}

/** A remote-support invitation already in use: its one computer has joined, so no download. */
function renderInUsePage(view: InvitePageView, nonce: string): string {
  const who = view.technician ? `${view.technician} from ${view.company}` : view.company;
  return renderRefusalPage(
    'This invitation is in use',
    `A computer has joined the remote-support session with ${who} through it. To get help on another computer, ask for a new invitation.`,
    nonce,
  );
}

/** A short page for an invite that cannot be used, with the reason. */
export function renderRefusalPage(title: string, detail: string, nonce: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<style nonce="${nonce}">body { font: 16px/1.5 system-ui, sans-serif; background: #f1f5f9; } main { max-width: 32rem; margin: 3rem auto; background: #fff; padding: 2rem; border-radius: 14px; }</style></head>
<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(detail)}</p></main></body></html>`;
}

/** A plain page hosting the tenant's widget, as a website would: to try it before pasting the snippet. */
export function renderWidgetTestPage(company: string, key: string, nonce: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(company)}: code-entry widget</title>
<style nonce="${nonce}">body { font: 16px/1.5 system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; color: #0f172a; }</style></head>
<body><h1>${escapeHtml(company)}</h1><p>This page shows the code-entry widget as your website will. Enter an invite or support code in it.</p>
<div id="outpost-code-widget"></div>
<script src="/w/${escapeHtml(key)}/code-widget.js" async></script></body></html>`;
}
