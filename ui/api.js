// The one place the UI talks to the backend. Everything else imports from here, so the same
// UI can later be served over HTTP by swapping this module's transport.

const tauri = window.__TAURI__;

/** A failed call: `code` is stable (see galley-core's Error::code), `message` is for people. */
export class ApiError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

async function call(command, args = {}) {
  if (!tauri?.core?.invoke) {
    throw new ApiError("no_backend", "Galley backend is not available in this window.");
  }
  try {
    return await tauri.core.invoke(command, args);
  } catch (e) {
    if (e && typeof e === "object" && "code" in e) throw new ApiError(e.code, e.message);
    throw new ApiError("unknown", String(e));
  }
}

export const api = {
  appInfo: () => call("app_info"),
  digests: () => call("list_digests"),
  articles: (digestId) => call("list_articles", { digestId }),
  article: (id) => call("get_article", { id }),
  loadSample: () => call("load_sample"),
  search: (query) => call("search_articles", { query }),
};
