//! Tauri commands: each a few lines over galley-core. `async` runs them off the main thread.

use galley_core::import::{self, Options, Report};
use galley_core::model::{Article, ArticleSummary, Digest};
use galley_core::store::search;
use serde::Serialize;
use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;

pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        app_info,
        list_digests,
        list_articles,
        get_article,
        load_sample,
        search_articles
    ]
}

#[derive(Serialize)]
pub struct AppInfo {
    db_path: String,
    empty: bool,
    sample_if_empty: bool,
    sample_name: &'static str,
}

#[tauri::command(async)]
pub fn app_info(state: State<'_, AppState>) -> CmdResult<AppInfo> {
    Ok(AppInfo {
        db_path: state.db_path.display().to_string(),
        empty: state.store()?.is_empty()?,
        sample_if_empty: state.sample_if_empty,
        sample_name: galley_core::sample::SAMPLE_FILE,
    })
}

#[tauri::command(async)]
pub fn list_digests(state: State<'_, AppState>) -> CmdResult<Vec<Digest>> {
    Ok(state.store()?.digests()?)
}

#[tauri::command(async)]
pub fn list_articles(state: State<'_, AppState>, digest_id: i64) -> CmdResult<Vec<ArticleSummary>> {
    Ok(state.store()?.articles(digest_id)?)
}

#[tauri::command(async)]
pub fn get_article(state: State<'_, AppState>, id: i64) -> CmdResult<Article> {
    Ok(state.store()?.article(id)?)
}

#[tauri::command(async)]
pub fn load_sample(state: State<'_, AppState>) -> CmdResult<Report> {
    let jieba = state.jieba();
    let opts = Options {
        actor: state.actor(),
        ..Options::default()
    };
    Ok(import::import(
        &mut *state.store()?,
        jieba,
        &galley_core::sample::input(),
        &opts,
    )?)
}

#[tauri::command(async)]
pub fn search_articles(state: State<'_, AppState>, query: String) -> CmdResult<Vec<search::Hit>> {
    let jieba = state.jieba();
    Ok(search::search(state.store()?.conn(), jieba, &query, 200)?)
}
