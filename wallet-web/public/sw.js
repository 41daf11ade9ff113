/*
 * The wallet's service worker: makes the wallet open offline with what it holds. The page
 * (index.html, its hashed script and style, icons, manifest) is cached when the worker
 * installs; credentials are already in IndexedDB. Only this origin's GET requests are
 * handled: calls to issuers and the verifier go to the network as before (offline, the
 * wallet then shows "cannot check now", or a cached status list within its age limit).
 *   page and config.json: network first (a new version shows at once), cache when offline
 *   assets/ and icons/: cache first (file names carry a content hash, or never change)
 * Plain JavaScript on purpose: it is served as is, at a stable URL, outside the bundle.
 */
const CACHE = 'dompet-asn-v1';

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // Every file of the build (vite.config.ts writes the list), so lazily loaded chunks work offline too.
    const list = await fetch('./precache.json', { cache: 'no-cache' });
    if (!list.ok) throw new Error(`precache list ${list.status}`);
    const files = await list.json();
    await cache.addAll(['./', './manifest.webmanifest', ...files.filter((f) => typeof f === 'string' && f.startsWith('./'))]);
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
    await self.clients.claim();
  })());
});

async function networkFirst(request, key) {
  const cache = await caches.open(CACHE);
  try {
    const fresh = await fetch(request);
    if (fresh.ok) await cache.put(key, fresh.clone());
    return fresh;
  } catch (e) {
    const cached = await cache.match(key);
    if (cached) return cached;
    throw e;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const fresh = await fetch(request);
  if (fresh.ok) await cache.put(request, fresh.clone());
  return fresh;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const scope = new URL(self.registration.scope);
  const rel = url.pathname.startsWith(scope.pathname) ? url.pathname.slice(scope.pathname.length) : url.pathname;
  if (request.mode === 'navigate' || rel === '' || rel === 'index.html') {
    event.respondWith(networkFirst(request, './'));
  } else if (rel === 'config.json') {
    event.respondWith(networkFirst(request, './config.json'));
  } else if (rel.startsWith('assets/') || rel.startsWith('icons/') || rel === 'favicon.ico' || rel === 'manifest.webmanifest') {
    event.respondWith(cacheFirst(request));
  }
});
