// Pamong's service worker: an officer's caseload readable without a signal, and the check-ins
// recorded without one sent, once each, when it returns.
//
// - This build's files (script, wasm, style sheet) are stored when the worker installs and
//   served from the store; a new build is a new worker (VERSION) that drops the old files.
// - Pages are always asked of the server first. A page the server marks `x-pamong-offline:
//   until=<s>` (an officer's Today, own caseload, own adult clients and their check-in forms,
//   the outbox: the policy decides, never this file) is stored until the session's absolute
//   end; without a signal the stored copy is served, marked so the page says "data as of".
//   The login page says `clear`: every stored page is dropped (logout, session over).
// - A post that cannot reach the server and carries an idempotency key (`key`) is kept in the
//   outbox (IndexedDB) with a fresh key, and the officer is sent to the outbox page. When a
//   page says the signal is back (`flush`), the posts of that user are sent in the order they
//   were made, with `x-pamong-outbox: 1`: 204 is done (the server keeps the key, so a post
//   whose answer was lost and is sent again is recorded once); 401 waits for a new login; a
//   refusal (422, 404, 409) stays listed with a way to open the form again with what was typed.
//   A post without a key (anything but a check-in) is answered with a page that says it needs
//   the server.
//
// Words shown here are Bahasa Indonesia only: the worker has no translations, and shows text
// only for the rare page it has no stored copy of.

const VERSION = "__VERSION__";
const ASSETS = "__ASSETS__";
const FILES = `pamong-files-${VERSION}`;
const PAGES = "pamong-pages";
const OUTBOX_PAGE = "/kotak-keluar";
const KEY_FIELD = "key";
const LABEL_FIELD = "_judul";
const KEPT_SENT_MS = 24 * 60 * 60 * 1000;
const PREFETCH_MAX = 60;
const PREFETCH_FRESH_MS = 10 * 60 * 1000;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(FILES).then((cache) => cache.addAll(ASSETS)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith("pamong-files-") && n !== FILES).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === "GET" && ASSETS.includes(url.pathname)) {
    event.respondWith(caches.match(request).then((hit) => hit || fetch(request)));
  } else if (request.method === "GET" && request.mode === "navigate") {
    event.respondWith(page(event));
  } else if (request.method === "POST" && request.mode === "navigate") {
    event.respondWith(post(request));
  }
});

self.addEventListener("message", (event) => {
  const data = event.data || {};
  const work = {
    list: () => broadcast(),
    flush: () => flush(String(data.user || "")),
    drop: () => remove(String(data.key || "")).then(broadcast),
    prefetch: () => prefetch(Array.isArray(data.urls) ? data.urls : []),
  }[data.type];
  if (work) event.waitUntil(work());
});

// ---- pages ----------------------------------------------------------------------------

/// The stored copy's key: the address without the saved notice (`pesan`).
function pageKey(address) {
  const url = new URL(address);
  url.searchParams.delete("pesan");
  return url.pathname + url.search;
}

async function page(event) {
  const request = event.request;
  try {
    const response = await fetch(request);
    // Stored while the page is shown, from a copy of its body.
    event.waitUntil(remember(request.url, response.clone()));
    return response;
  } catch (offline) {
    return (await stored(request.url)) || notStored();
  }
}

/// Stores a page the server let the phone keep, or forgets them all when it says so.
async function remember(address, response) {
  const mark = response.headers.get("x-pamong-offline");
  if (mark === "clear") {
    await caches.delete(PAGES);
    return;
  }
  if (!mark || !mark.startsWith("until=") || response.status !== 200) return;
  const until = Number(mark.slice("until=".length)) * 1000;
  const headers = new Headers(response.headers);
  // The body is stored decoded.
  headers.delete("content-encoding");
  headers.delete("content-length");
  headers.set("x-pamong-until", String(until));
  headers.set("x-pamong-stored", String(Date.now()));
  const body = await response.arrayBuffer();
  const cache = await caches.open(PAGES);
  await cache.put(pageKey(address), new Response(body, { status: 200, headers }));
}

/// The stored copy of a page, marked as such (`<body data-cached>` shows "data as of"), unless
/// the session it was stored under has ended.
async function stored(address) {
  const cache = await caches.open(PAGES);
  const key = pageKey(address);
  const hit = await cache.match(key);
  if (!hit) return null;
  if (Number(hit.headers.get("x-pamong-until")) < Date.now()) {
    await caches.delete(PAGES);
    return null;
  }
  const html = (await hit.text()).replace("<body", '<body data-cached=""');
  return new Response(html, { status: 200, headers: hit.headers });
}

function notStored() {
  return html(
    503,
    "Anda sedang luring",
    "Halaman ini belum tersimpan di ponsel ini. Buka halaman Hari ini atau daftar klien Anda saat tersambung agar tersedia tanpa sinyal.",
  );
}

function needsServer() {
  return html(
    503,
    "Butuh sambungan ke server",
    "Anda sedang luring dan isian ini tidak dapat disimpan di ponsel. Kembali, lalu kirim lagi saat tersambung; isian Anda masih ada di halaman sebelumnya.",
  );
}

function html(status, title, text) {
  const css = ASSETS.find((a) => a.endsWith(".css")) || "/pkg/pamong.css";
  const body = `<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} · Pamong</title><link rel="stylesheet" href="${css}"></head><body><main class="main" id="main"><section class="card" data-testid="offline-page"><h1>${title}</h1><p>${text}</p><p><a class="button" href="/">Hari ini</a> <a class="button button--secondary" href="${OUTBOX_PAGE}">Kotak keluar</a></p></section></main></body></html>`;
  return new Response(body, { status, headers: { "content-type": "text/html; charset=utf-8" } });
}

/// Stores the pages a page links to for offline reading (its own caseload), a few at a time
/// and not again while fresh; the server decides for each whether it may be kept.
async function prefetch(urls) {
  const cache = await caches.open(PAGES);
  const seen = new Set();
  for (const href of urls.slice(0, PREFETCH_MAX)) {
    const address = new URL(href, self.location.origin);
    if (address.origin !== self.location.origin || seen.has(address.href)) continue;
    seen.add(address.href);
    const hit = await cache.match(pageKey(address.href));
    if (hit && Date.now() - Number(hit.headers.get("x-pamong-stored")) < PREFETCH_FRESH_MS) continue;
    try {
      await remember(address.href, await fetch(address.href, { credentials: "same-origin" }));
    } catch (offline) {
      return;
    }
  }
}

// ---- the outbox -----------------------------------------------------------------------

async function post(request) {
  const copy = request.clone();
  try {
    return await fetch(request);
  } catch (offline) {
    const fields = new URLSearchParams(await copy.text());
    if (!fields.get(KEY_FIELD)) return needsServer();
    // A stored form is filled more than once: each post it makes is a write of its own.
    fields.set(KEY_FIELD, crypto.randomUUID());
    const entry = {
      key: fields.get(KEY_FIELD),
      url: new URL(request.url).pathname,
      body: fields.toString(),
      label: fields.get(LABEL_FIELD) || new URL(request.url).pathname,
      user: fields.get("_pengguna") || "",
      state: "waiting",
      note: "",
      queuedAt: Date.now(),
    };
    await put(entry);
    await broadcast();
    return Response.redirect(OUTBOX_PAGE, 303);
  }
}

let flushing = null;

/// Sends the user's waiting posts in the order they were made; one send at a time.
function flush(user) {
  if (!flushing) {
    flushing = send(user).finally(() => {
      flushing = null;
    });
  }
  return flushing;
}

async function send(user) {
  const waiting = (await all()).filter((e) => e.state === "waiting" && (!e.user || e.user === user));
  waiting.sort((a, b) => a.queuedAt - b.queuedAt);
  for (const entry of waiting) {
    let response;
    try {
      response = await fetch(entry.url, {
        method: "POST",
        body: entry.body,
        credentials: "same-origin",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded", "x-pamong-outbox": "1" },
      });
    } catch (offline) {
      break;
    }
    if (response.status === 204 || response.ok) {
      Object.assign(entry, { state: "sent", note: "", sentAt: Date.now() });
    } else if (response.status === 401 || response.status === 0) {
      Object.assign(entry, { note: "login" });
      await put(entry);
      break;
    } else if (response.status >= 500 || response.status === 429) {
      break;
    } else {
      Object.assign(entry, { state: "refused", note: await reason(response) });
    }
    await put(entry);
    await broadcast();
  }
  const old = (await all()).filter((e) => e.state === "sent" && Date.now() - e.sentAt > KEPT_SENT_MS);
  await Promise.all(old.map((e) => remove(e.key)));
  await broadcast();
}

/// What the server said of a refused post, briefly (its fields are shown again on the form).
async function reason(response) {
  const fallback = `Ditolak (${response.status}). Buka lagi untuk melihat alasannya.`;
  try {
    const error = await response.json();
    return error && error.Kind && error.Kind.Invalid ? "Ada isian yang perlu diperbaiki." : fallback;
  } catch (unreadable) {
    return fallback;
  }
}

/// Tells every open page of the site what the outbox holds.
async function broadcast() {
  const entries = (await all())
    .sort((a, b) => b.queuedAt - a.queuedAt)
    .map((e) => ({
      key: e.key,
      label: e.label,
      state: e.state,
      note: e.note,
      queuedAt: e.queuedAt,
      url: e.url,
      fields: [...new URLSearchParams(e.body)].filter(([name]) => name !== KEY_FIELD),
    }));
  for (const client of await self.clients.matchAll({ type: "window" })) {
    client.postMessage({ type: "outbox", entries });
  }
}

// ---- IndexedDB ------------------------------------------------------------------------

function database() {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open("pamong", 1);
    open.onupgradeneeded = () => open.result.createObjectStore("outbox", { keyPath: "key" });
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
}

async function store(mode, act) {
  const db = await database();
  return new Promise((resolve, reject) => {
    const tx = db.transaction("outbox", mode);
    const request = act(tx.objectStore("outbox"));
    tx.oncomplete = () => resolve(request.result);
    tx.onerror = () => reject(tx.error);
  });
}

const all = () => store("readonly", (s) => s.getAll());
const put = (entry) => store("readwrite", (s) => s.put(entry));
const remove = (key) => store("readwrite", (s) => s.delete(key));
