// The start-up requests first of all: they go out while the rest of the app's code is evaluated (startup.ts). Then
// the theme (the class on <html> before anything draws), Web Awesome's components, the shell.
import './startup.js';
import './theme.js';
import './components/wa.js';
import type { OutpostApp } from './app.js';
import './app.js';

// The service worker caches the shell (installable PWA); it needs a secure context (https or localhost). It is
// registered once the first page is drawn: installing it fetches every file of the build, which would otherwise
// compete with the start-up requests and the first render.
if ('serviceWorker' in navigator && window.isSecureContext) {
  const app = document.querySelector<OutpostApp>('outpost-app');
  void (app?.firstPage ?? Promise.resolve()).then(() =>
    requestIdleCallback(() => void navigator.serviceWorker.register('/sw.js'), { timeout: 2000 }),
  );
}
