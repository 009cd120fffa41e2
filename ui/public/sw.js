// Caches the shell of this build so the app opens offline and installs as a PWA.
// API calls always go to the network.
const cacheName = 'outpost-shell-%VERSION%';
const shell = %FILES%;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(cacheName).then((cache) => cache.addAll(shell)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys().then((names) => Promise.all(names.filter((n) => n.startsWith('outpost-shell-') && n !== cacheName).map((n) => caches.delete(n)))).then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  // Navigations go to the network (plugins serve pages of their own, such as invite
  // pages), with the cached shell when offline; assets are served from the cache first.
  if (event.request.mode === 'navigate') {
    event.respondWith(fetch(event.request).catch(() => caches.match('/')));
    return;
  }
  // Icons are too many to cache up front: each is kept once a page has used it.
  event.respondWith(
    caches.match(url.pathname).then(
      (hit) =>
        hit ??
        fetch(event.request).then((response) => {
          if (response.ok && url.pathname.startsWith('/icons/')) {
            const copy = response.clone();
            void caches.open(cacheName).then((cache) => cache.put(url.pathname, copy));
          }
          return response;
        }),
    ),
  );
});
