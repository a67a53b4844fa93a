// The one place the UI talks to the backend. Everything else imports from here. In the desktop
// window the transport is Tauri's IPC; in a browser (galley serve) it is HTTP + JSON with a
// session cookie and the session's anti-forgery token on every call.

const tauri = window.__TAURI__;

/** The window's own pages (not a team server's page shown in the desktop window). */
const ownPage = location.protocol === "tauri:" || location.hostname === "tauri.localhost";

/** "ipc" in the desktop window on a local file; "http" on a team server (`galley serve`), in a
 * browser or in the desktop window opened on it. */
export const transport = tauri?.core?.invoke && ownPage ? "ipc" : "http";

/** Inside the desktop app (on its own pages or on a team server's). */
export const inDesktop = Boolean(window.__GALLEY_DESKTOP__) || transport === "ipc";

/** A failed call: `code` is stable (see galley-core's Error::code), `message` is for people. */
export class ApiError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

let csrf = "";

async function http(path, body, method = "POST") {
  const res = await fetch(path, {
    method,
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
    body: method === "GET" ? undefined : JSON.stringify(body ?? {}),
  });
  if (res.ok) return res;
  const err = await res.json().catch(() => ({}));
  throw new ApiError(err.code ?? `http_${res.status}`, err.message ?? res.statusText);
}

async function call(command, args = {}) {
  if (transport === "http") return (await http(`/api/v1/call/${command}`, args)).json();
  try {
    return await tauri.core.invoke(command, args);
  } catch (e) {
    if (e && typeof e === "object" && "code" in e) throw new ApiError(e.code, e.message);
    throw new ApiError("unknown", String(e));
  }
}

/** Subscribes to a backend event; returns a function that unsubscribes. */
async function on(event, handler) {
  if (!tauri?.event?.listen) return () => {};
  return tauri.event.listen(event, (e) => handler(e.payload));
}

/** In a browser: who is signed in (remembering the session's token), or null. */
async function session() {
  try {
    const s = await (await http("/api/v1/session", null, "GET")).json();
    csrf = s.csrf;
    return s.person;
  } catch (e) {
    if (e.code === "not_signed_in") return null;
    throw e;
  }
}

async function logIn(name, password) {
  const s = await (await http("/api/v1/login", { name, password })).json();
  csrf = s.csrf;
  return s.person;
}

/** In a browser, an export is a download. */
async function download(request) {
  // WebKitGTK in the desktop window does not save a page's downloads (wry), so an export from
  // a team server is made in a browser for now.
  if (inDesktop) throw new ApiError("not_available", "从团队服务器导出请在浏览器中打开同一地址 / To export from a team server, open the same address in a browser");
  const res = await http("/api/v1/export", request);
  const url = URL.createObjectURL(await res.blob());
  const a = Object.assign(document.createElement("a"), { href: url, download: `galley-export.${request.format === "markdown" ? "md" : request.format}` });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  return [a.download];
}

async function pageFile(digestId) {
  if (transport === "http") return (await http(`/api/v1/digests/${Number(digestId)}/page.pdf`, null, "GET")).arrayBuffer();
  const bytes = await call("page_file", { digestId });
  return bytes instanceof ArrayBuffer ? bytes : new Uint8Array(bytes).buffer;
}

export const api = {
  appInfo: () => call("app_info"),
  signIn: (name, role) => call("sign_in", { name, role }),
  digests: () => call("list_digests"),
  queryArticles: (filter, offset, limit) => call("query_articles", { filter, offset, limit }),
  article: (id) => call("get_article", { id }),
  loadSample: () => call("load_sample"),
  importPaths: (paths) => call("import_paths", { paths }),
  pickAndImport: () => call("pick_and_import"),
  /** `base`: the version of the article the change was made from (stale: refused, code `stale`). */
  edit: (edit, base = null) => call("apply_edit", { edit, base }),
  undo: () => call("undo"),
  redo: () => call("redo"),
  history: (articleId) => call("article_history", { articleId }),
  annotate: (annotation, base = null) => call("annotate", { annotation, base }),
  annotations: (articleId) => call("article_annotations", { articleId }),
  /** A PDF digest's pages and the box of each title, paragraph, pull quote, source and furniture. */
  pageLayout: (digestId) => call("page_layout", { digestId }),
  /** The PDF a digest was read from, as an ArrayBuffer (not found for digests read from text). */
  pageFile: (digestId) => pageFile(digestId),
  reviewQueue: (filter) => call("review_queue", { filter }),
  /** κ between people who labelled the same articles, of one digest (or all when null). */
  agreement: (digestId = null) => call("agreement", { digestId }),
  topics: () => call("list_topics"),
  vocabulary: () => call("vocabulary"),
  exportTo: (request, path) => call("export_to", { request, path }),
  pickAndExport: (request) => (transport === "http" ? download(request) : call("pick_and_export", { request })),
  /** Desktop only: point the window at a team server (checked to be reachable first). */
  openTeam: (url) => call("open_team", { url }),
  /** Desktop only, on a team server's page: back to the local workspace. */
  openLocal: () => location.assign("/__galley/local"),
  session,
  logIn,
  onImportProgress: (handler) => on("import-progress", handler),
  /** In a browser: every change someone makes on the team server, as `{change, by}`. */
  onChange: (handler) => {
    if (transport !== "http") return () => {};
    const events = new EventSource("/api/v1/events");
    events.addEventListener("change", (e) => handler(JSON.parse(e.data)));
    return () => events.close();
  },
  onFilesDropped: (handler) => on("tauri://drag-drop", (p) => handler(p.paths ?? [])),
};
