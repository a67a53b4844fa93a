//! Tauri commands: each a few lines over galley-core's façade (`galley_core::Workspace`). `async` runs
//! them off the main thread.

use std::path::PathBuf;

use galley_core::annotate::agreement::Agreement;
use galley_core::annotate::queue::{QueueFilter, QueueItem};
use galley_core::annotate::view::Annotations;
use galley_core::annotate::Annotation;
use galley_core::app::export::Target;
use galley_core::app::import::{FileOutcome, ImportOptions, Source};
use galley_core::app::{Info, PageLayout};
use galley_core::edit::{Change, Edit};
use galley_core::export::{Format, Request};
use galley_core::model::{Article, Digest, Vocabulary};
use galley_core::store::audit::Record;
use galley_core::store::browse::{ArticleFilter, ArticlePage};
use galley_core::store::people::{Person, Role};
use galley_core::store::topics::Topic;
use serde::Serialize;
use tauri::{AppHandle, Emitter, State};

use crate::error::CmdResult;
use crate::state::AppState;

pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        app_info,
        sign_in,
        list_digests,
        query_articles,
        get_article,
        load_sample,
        import_paths,
        pick_and_import,
        apply_edit,
        undo,
        redo,
        article_history,
        annotate,
        article_annotations,
        page_layout,
        page_file,
        review_queue,
        agreement,
        list_topics,
        vocabulary,
        export_to,
        pick_and_export,
        open_team
    ]
}

/// What the window needs at start: the workspace's info, and whether to load the sample.
#[derive(Serialize)]
pub struct AppInfo {
    #[serde(flatten)]
    info: Info,
    sample_if_empty: bool,
    open_files: Vec<PathBuf>,
}

#[tauri::command(async)]
pub fn app_info(state: State<'_, AppState>) -> CmdResult<AppInfo> {
    let info = state.ws()?.info()?;
    Ok(AppInfo {
        info,
        sample_if_empty: state.sample_if_empty,
        open_files: state.open_files.clone(),
    })
}

#[tauri::command(async)]
pub fn sign_in(state: State<'_, AppState>, name: String, role: Role) -> CmdResult<Person> {
    let mut ws = state.ws()?;
    let person = ws.sign_in(&name, role)?;
    ws.remember_profile();
    Ok(person)
}

#[tauri::command(async)]
pub fn list_digests(state: State<'_, AppState>) -> CmdResult<Vec<Digest>> {
    Ok(state.ws()?.digests()?)
}

#[tauri::command(async)]
pub fn query_articles(
    state: State<'_, AppState>,
    filter: ArticleFilter,
    offset: i64,
    limit: i64,
) -> CmdResult<ArticlePage> {
    Ok(state.ws()?.browse(&filter, offset, limit)?)
}

#[tauri::command(async)]
pub fn get_article(state: State<'_, AppState>, id: i64) -> CmdResult<Article> {
    Ok(state.ws()?.article(id)?)
}

#[tauri::command(async)]
pub fn load_sample(state: State<'_, AppState>) -> CmdResult<FileOutcome> {
    Ok(state.ws()?.load_sample()?)
}

/// Imports files and folders (from the file dialog or dropped on the window), reporting
/// progress as `import-progress` events.
#[tauri::command(async)]
pub fn import_paths(
    app: AppHandle,
    state: State<'_, AppState>,
    paths: Vec<String>,
) -> CmdResult<Vec<FileOutcome>> {
    for p in &paths {
        state.grants.check(p.as_ref())?;
    }
    let sources: Vec<Source> = paths.into_iter().map(|p| Source::Path(p.into())).collect();
    let progress = |p: galley_core::app::import::Progress<'_>, _: &FileOutcome| {
        let _ = app.emit("import-progress", p);
    };
    Ok(state
        .ws()?
        .import(&sources, &ImportOptions::default(), progress)?)
}

/// Opens the system file dialog and imports what was chosen (nothing if cancelled).
#[tauri::command(async)]
pub fn pick_and_import(app: AppHandle, state: State<'_, AppState>) -> CmdResult<Vec<FileOutcome>> {
    use tauri_plugin_dialog::DialogExt;
    let picked = app
        .dialog()
        .file()
        .add_filter("Digest pages", galley_core::import::EXTENSIONS)
        .blocking_pick_files()
        .unwrap_or_default();
    let paths: Vec<String> = picked
        .into_iter()
        .filter_map(|p| p.into_path().ok())
        .map(|p| p.display().to_string())
        .collect();
    state.grants.allow(&paths);
    match paths.is_empty() {
        true => Ok(Vec::new()),
        false => import_paths(app.clone(), state, paths),
    }
}

#[tauri::command(async)]
pub fn apply_edit(state: State<'_, AppState>, edit: Edit, base: Option<i64>) -> CmdResult<Change> {
    Ok(state.ws()?.fix_from(&edit, base)?)
}

#[tauri::command(async)]
pub fn undo(state: State<'_, AppState>) -> CmdResult<Change> {
    Ok(state.ws()?.undo()?)
}

#[tauri::command(async)]
pub fn redo(state: State<'_, AppState>) -> CmdResult<Change> {
    Ok(state.ws()?.redo()?)
}

/// Who changed an article, when, and what (newest first, without the stored states).
#[tauri::command(async)]
pub fn article_history(state: State<'_, AppState>, article_id: i64) -> CmdResult<Vec<Record>> {
    Ok(state.ws()?.history(Some(article_id), 200, false)?)
}

#[tauri::command(async)]
pub fn annotate(
    state: State<'_, AppState>,
    annotation: Annotation,
    base: Option<i64>,
) -> CmdResult<Change> {
    Ok(state.ws()?.annotate_from(&annotation, base)?)
}

#[tauri::command(async)]
pub fn article_annotations(state: State<'_, AppState>, article_id: i64) -> CmdResult<Annotations> {
    Ok(state.ws()?.annotations(article_id)?)
}

#[tauri::command(async)]
pub fn page_layout(state: State<'_, AppState>, digest_id: i64) -> CmdResult<PageLayout> {
    Ok(state.ws()?.page_layout(digest_id)?)
}

/// The PDF a digest was read from, as raw bytes (no JSON): what the page view draws.
#[tauri::command(async)]
pub fn page_file(state: State<'_, AppState>, digest_id: i64) -> CmdResult<tauri::ipc::Response> {
    let file = state.ws()?.page_file(digest_id)?;
    Ok(tauri::ipc::Response::new(file.bytes))
}

#[tauri::command(async)]
pub fn review_queue(state: State<'_, AppState>, filter: QueueFilter) -> CmdResult<Vec<QueueItem>> {
    Ok(state.ws()?.review_queue(&filter, 500)?)
}

/// κ between the people who labelled the same articles, of one digest or of all.
#[tauri::command(async)]
pub fn agreement(state: State<'_, AppState>, digest_id: Option<i64>) -> CmdResult<Agreement> {
    Ok(state.ws()?.agreement(digest_id)?)
}

#[tauri::command(async)]
pub fn list_topics(state: State<'_, AppState>) -> CmdResult<Vec<Topic>> {
    Ok(state.ws()?.topics()?)
}

/// The domain's words and the verdict→rating rule, for the UI's menus.
#[tauri::command(async)]
pub fn vocabulary(state: State<'_, AppState>) -> CmdResult<Vocabulary> {
    Ok(state.ws()?.vocabulary())
}

/// Writes an export to `path` (for CSV, a folder gets both tables). Returns the files written.
#[tauri::command(async)]
pub fn export_to(
    state: State<'_, AppState>,
    request: Request,
    path: String,
) -> CmdResult<Vec<String>> {
    state.grants.check(path.as_ref())?;
    let written = state.ws()?.export(&request, Target::Path(path.as_ref()))?;
    Ok(written.iter().map(|p| p.display().to_string()).collect())
}

/// Asks where to save (a folder for CSV, a file otherwise), then exports there.
#[tauri::command(async)]
pub fn pick_and_export(
    app: AppHandle,
    state: State<'_, AppState>,
    request: Request,
) -> CmdResult<Vec<String>> {
    let Some(path) = pick_export_target(&app, request.format) else {
        return Ok(Vec::new());
    };
    state.grants.allow([&path]);
    export_to(state, request, path.display().to_string())
}

/// The save dialog for a format: a folder for CSV, a file otherwise; `None` if cancelled.
fn pick_export_target(app: &AppHandle, format: Format) -> Option<std::path::PathBuf> {
    use tauri_plugin_dialog::DialogExt;
    let dialog = app.dialog().file();
    let picked = match format {
        Format::Csv => dialog.blocking_pick_folder(),
        _ => dialog
            .set_file_name(format!("galley-export.{}", format.extension()))
            .add_filter(format.extension(), &[format.extension()])
            .blocking_save_file(),
    };
    picked.and_then(|p| p.into_path().ok())
}

/// Points the window at a team server (`galley serve`): checked to be reachable first, then
/// the server's own page (sign-in, then the same window over HTTP). Returns the origin.
#[tauri::command(async)]
pub fn open_team(
    window: tauri::WebviewWindow,
    team: State<'_, crate::team::Team>,
    url: String,
) -> CmdResult<String> {
    let origin = crate::team::origin(&url)?;
    crate::team::reachable(&origin)?;
    team.set_server(Some(origin.clone()));
    window
        .navigate(origin.clone())
        .map_err(|e| galley_core::Error::Invalid(format!("cannot open {origin}: {e}")))?;
    Ok(origin.to_string())
}
