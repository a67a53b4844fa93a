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

/** Subscribes to a backend event; returns a function that unsubscribes. */
async function on(event, handler) {
  if (!tauri?.event?.listen) return () => {};
  return tauri.event.listen(event, (e) => handler(e.payload));
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
  edit: (edit) => call("apply_edit", { edit }),
  undo: () => call("undo"),
  redo: () => call("redo"),
  history: (articleId) => call("article_history", { articleId }),
  annotate: (annotation) => call("annotate", { annotation }),
  annotations: (articleId) => call("article_annotations", { articleId }),
  reviewQueue: (filter) => call("review_queue", { filter }),
  topics: () => call("list_topics"),
  vocabulary: () => call("vocabulary"),
  exportTo: (request, path) => call("export_to", { request, path }),
  pickAndExport: (request) => call("pick_and_export", { request }),
  onImportProgress: (handler) => on("import-progress", handler),
  onFilesDropped: (handler) => on("tauri://drag-drop", (p) => handler(p.paths ?? [])),
};
