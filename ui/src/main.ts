// The theme first (the class on <html> before anything draws), then Web Awesome's components, then the shell.
import './theme.js';
import './components/wa.js';
import './app.js';

// The service worker caches the shell (installable PWA); it needs a secure context (https or localhost).
if ('serviceWorker' in navigator && window.isSecureContext) void navigator.serviceWorker.register('/sw.js');
