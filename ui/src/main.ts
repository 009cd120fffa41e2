import './app.js';

// The service worker caches the shell (installable PWA); it needs a secure context (https or localhost).
if ('serviceWorker' in navigator && window.isSecureContext) void navigator.serviceWorker.register('/sw.js');
