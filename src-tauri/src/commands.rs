//! Tauri commands: each a few lines over galley-core. `async` runs them off the main thread.

use galley_core::annotate::queue::{self, QueueFilter, QueueItem};
use galley_core::annotate::view::{self, Annotations};
use galley_core::annotate::{self as annotations, Annotation};
use galley_core::edit::{self, history, Change, Edit};
use galley_core::import::{self, Options, OwnedInput, Report};
use galley_core::language::{suggest, topics};
use galley_core::model::{Article, Digest};
use galley_core::store::audit::{self, Record};
use galley_core::store::browse::{self, ArticleFilter, ArticlePage};
use galley_core::store::people::{Person, Role};
use serde::Serialize;
use tauri::{AppHandle, Emitter, State};

use crate::error::{CmdError, CmdResult};
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
        review_queue,
        list_topics,
        export_to,
        pick_and_export
    ]
}

#[derive(Serialize)]
pub struct AppInfo {
    db_path: String,
    empty: bool,
    sample_if_empty: bool,
    sample_name: &'static str,
    user: Option<Person>,
}

#[tauri::command(async)]
pub fn app_info(state: State<'_, AppState>) -> CmdResult<AppInfo> {
    Ok(AppInfo {
        db_path: state.db_path.display().to_string(),
        empty: state.store()?.is_empty()?,
        sample_if_empty: state.sample_if_empty,
        sample_name: galley_core::sample::SAMPLE_FILE,
        user: state.user(),
    })
}

#[tauri::command(async)]
pub fn sign_in(state: State<'_, AppState>, name: String, role: Role) -> CmdResult<Person> {
    state.sign_in(&name, role)
}

#[tauri::command(async)]
pub fn list_digests(state: State<'_, AppState>) -> CmdResult<Vec<Digest>> {
    Ok(state.store()?.digests()?)
}

#[tauri::command(async)]
pub fn query_articles(
    state: State<'_, AppState>,
    filter: ArticleFilter,
    offset: i64,
    limit: i64,
) -> CmdResult<ArticlePage> {
    let jieba = state.jieba();
    Ok(browse::query(
        state.store()?.conn(),
        jieba,
        &filter,
        offset,
        limit,
    )?)
}

#[tauri::command(async)]
pub fn get_article(state: State<'_, AppState>, id: i64) -> CmdResult<Article> {
    Ok(state.store()?.article(id)?)
}

#[tauri::command(async)]
pub fn load_sample(state: State<'_, AppState>) -> CmdResult<Report> {
    let jieba = state.jieba();
    let actor = state.actor().unwrap_or_else(|_| "galley".into());
    let opts = Options {
        actor: actor.clone(),
        ..Options::default()
    };
    let mut store = state.store()?;
    let report = import::import(&mut store, jieba, &galley_core::sample::input(), &opts)?;
    draft_suggestions(&mut store, jieba, &report, &actor);
    Ok(report)
}

/// Drafts the suggestions of what was just imported. They are only suggestions: a failure here
/// is logged and leaves the import as it is.
fn draft_suggestions(
    store: &mut galley_core::Store,
    jieba: &jieba_rs::Jieba,
    report: &Report,
    actor: &str,
) {
    if let Err(e) = suggest::suggest_imported(store, jieba, report, actor) {
        tracing::warn!("no suggestions for {}: {e}", report.name);
    }
}

/// What happened to one file of an import from the window.
#[derive(Serialize)]
pub struct FileOutcome {
    file: String,
    report: Option<Report>,
    error: Option<CmdError>,
}

#[derive(Clone, Serialize)]
struct Progress {
    done: usize,
    total: usize,
    file: String,
}

/// Imports files and folders (from the file dialog or dropped on the window), reporting
/// progress as `import-progress` events.
#[tauri::command(async)]
pub fn import_paths(
    app: AppHandle,
    state: State<'_, AppState>,
    paths: Vec<String>,
) -> CmdResult<Vec<FileOutcome>> {
    let actor = state.actor()?;
    let mut files = Vec::new();
    let mut outcomes = Vec::new();
    for p in &paths {
        match import::collect_files(std::path::Path::new(p)) {
            Ok(found) => files.extend(found),
            Err(e) => outcomes.push(FileOutcome {
                file: p.clone(),
                report: None,
                error: Some(e.into()),
            }),
        }
    }
    let total = files.len();
    let inputs = files
        .iter()
        .map(|f| (f.display().to_string(), OwnedInput::read(f)));
    let opts = Options {
        actor,
        ..Options::default()
    };
    let jieba = state.jieba();
    let mut store = state.store()?;
    let mut imported = Vec::new();
    import::import_stream(&mut store, jieba, inputs, &opts, |file, result| {
        if let Ok(r) = &result {
            imported.push(r.clone());
        }
        let (report, error) = match result {
            Ok(r) => (Some(r), None),
            Err(e) => (None, Some(e.into())),
        };
        outcomes.push(FileOutcome {
            file: file.to_owned(),
            report,
            error,
        });
        let progress = Progress {
            done: outcomes.len(),
            total,
            file: file.to_owned(),
        };
        let _ = app.emit("import-progress", progress);
    });
    for report in &imported {
        draft_suggestions(&mut store, jieba, report, &opts.actor);
    }
    Ok(outcomes)
}

/// Opens the system file dialog and imports what was chosen (nothing if cancelled).
#[tauri::command(async)]
pub fn pick_and_import(app: AppHandle, state: State<'_, AppState>) -> CmdResult<Vec<FileOutcome>> {
    use tauri_plugin_dialog::DialogExt;
    let picked = app
        .dialog()
        .file()
        .add_filter("Digest pages", import::EXTENSIONS)
        .blocking_pick_files();
    let paths: Vec<String> = picked
        .unwrap_or_default()
        .into_iter()
        .filter_map(|p| p.into_path().ok())
        .map(|p| p.display().to_string())
        .collect();
    if paths.is_empty() {
        return Ok(Vec::new());
    }
    import_paths(app.clone(), state, paths)
}

#[tauri::command(async)]
pub fn apply_edit(state: State<'_, AppState>, edit: Edit) -> CmdResult<Change> {
    let actor = state.actor()?;
    let jieba = state.jieba();
    Ok(edit::apply(&mut *state.store()?, jieba, &actor, &edit)?)
}

#[tauri::command(async)]
pub fn undo(state: State<'_, AppState>) -> CmdResult<Change> {
    let actor = state.actor()?;
    let jieba = state.jieba();
    Ok(history::undo(&mut *state.store()?, jieba, &actor)?)
}

#[tauri::command(async)]
pub fn redo(state: State<'_, AppState>) -> CmdResult<Change> {
    let actor = state.actor()?;
    let jieba = state.jieba();
    Ok(history::redo(&mut *state.store()?, jieba, &actor)?)
}

/// Who changed an article, when, and what (newest first, without the stored states).
#[tauri::command(async)]
pub fn article_history(state: State<'_, AppState>, article_id: i64) -> CmdResult<Vec<Record>> {
    let mut records = audit::for_article(state.store()?.conn(), article_id, 200)?;
    for r in &mut records {
        r.before = None;
        r.after = None;
    }
    Ok(records)
}

#[tauri::command(async)]
pub fn annotate(state: State<'_, AppState>, annotation: Annotation) -> CmdResult<Change> {
    let actor = state.actor()?;
    let jieba = state.jieba();
    Ok(annotations::apply(
        &mut *state.store()?,
        jieba,
        &actor,
        &annotation,
    )?)
}

#[tauri::command(async)]
pub fn article_annotations(state: State<'_, AppState>, article_id: i64) -> CmdResult<Annotations> {
    Ok(view::annotations(state.store()?.conn(), article_id)?)
}

#[tauri::command(async)]
pub fn review_queue(state: State<'_, AppState>, filter: QueueFilter) -> CmdResult<Vec<QueueItem>> {
    Ok(queue::queue(state.store()?.conn(), &filter, 500)?)
}

#[tauri::command(async)]
pub fn list_topics(
    state: State<'_, AppState>,
) -> CmdResult<Vec<galley_core::store::topics::Topic>> {
    Ok(topics::list_topics(state.store()?.conn())?)
}

/// Writes an export to `path` (for CSV, a folder gets both tables). Returns the files written.
#[tauri::command(async)]
pub fn export_to(
    state: State<'_, AppState>,
    request: galley_core::export::Request,
    path: String,
) -> CmdResult<Vec<String>> {
    let written =
        galley_core::export::to_path(&*state.store()?, &request, std::path::Path::new(&path))?;
    Ok(written.iter().map(|p| p.display().to_string()).collect())
}

/// Asks where to save (a folder for CSV, a file otherwise), then exports there.
#[tauri::command(async)]
pub fn pick_and_export(
    app: AppHandle,
    state: State<'_, AppState>,
    request: galley_core::export::Request,
) -> CmdResult<Vec<String>> {
    use galley_core::export::Format;
    use tauri_plugin_dialog::DialogExt;
    let dialog = app.dialog().file();
    let picked = if request.format == Format::Csv {
        dialog.blocking_pick_folder()
    } else {
        let ext = request.format.extension();
        dialog
            .set_file_name(format!("galley-export.{ext}"))
            .add_filter(ext, &[ext])
            .blocking_save_file()
    };
    let Some(path) = picked.and_then(|p| p.into_path().ok()) else {
        return Ok(Vec::new());
    };
    let mut path = path.display().to_string();
    if request.format == Format::Csv && !path.ends_with('/') {
        path.push('/');
    }
    export_to(state, request, path)
}
