//! `galley`: import digest pages, list them, export the annotated digests.
//!
//! One file per verb under `cmd/`; each computes with galley-core, then prints.
//! Exit codes: 0 ok, 1 failure (one line on stderr), 2 usage.

mod cmd;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use galley_core::{paths, Workspace};

/// The analysis allocates many small strings on several threads: mimalloc does that faster
/// than the system's allocator (`cargo bench -p galley-core --bench import_suggest`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "galley",
    version,
    about = "Annotate Chinese news digests: import, fix up, list, export."
)]
struct Cli {
    /// Database file [default: the platform data directory, e.g. ~/.local/share/galley/galley.db]
    #[arg(long, global = true, env = paths::DB_ENV, value_name = "PATH")]
    db: Option<PathBuf>,

    /// Who is making the change (recorded in the audit log) [default: $USER]
    #[arg(long, global = true, env = "GALLEY_USER", value_name = "NAME")]
    user: Option<String>,

    /// No progress bars or per-digest progress lines on stderr (errors are still printed)
    #[arg(long, short, global = true)]
    quiet: bool,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Import(cmd::import::Args),
    List(cmd::list::Args),
    Show(cmd::show::Args),
    Edit(cmd::edit::Args),
    Undo(cmd::undo::UndoArgs),
    Redo(cmd::undo::RedoArgs),
    History(cmd::history::Args),
    Export(cmd::export::Args),
    Suggest(cmd::suggest::Args),
    Dict(cmd::dict::Args),
    Topics(cmd::topics::Args),
    Search(cmd::search::Args),
    Annotate(cmd::annotate::Args),
    Review(cmd::review::Args),
    Accept(cmd::decide::AcceptArgs),
    Reject(cmd::decide::RejectArgs),
    Serve(cmd::serve::Args),
    User(cmd::user::Args),
    Backup(cmd::backup::Args),
    Learning(cmd::learning::Args),
    /// Score the suggestions on labelled text (JSON Lines or label<TAB>text files).
    Eval(cmd::eval::Args),
    Agreement(cmd::agreement::Args),
}

/// What every verb gets: how to open the workspace and who is acting.
pub struct Context {
    db: PathBuf,
    user: String,
    quiet: bool,
}

impl Context {
    /// The database file.
    pub fn db(&self) -> &std::path::Path {
        &self.db
    }

    /// Where the progress of a long verb goes (stderr, unless `--quiet`).
    pub fn meter(&self) -> cmd::progress::Meter {
        cmd::progress::Meter::new(self.quiet)
    }

    /// The workspace of the chosen database, acting as the user.
    pub fn open(&self) -> galley_core::Result<Workspace> {
        let mut ws = Workspace::open(&self.db)?;
        ws.act_as(&self.user);
        Ok(ws)
    }
}

fn main() -> ExitCode {
    cmd::out::quiet_on_closed_pipe();
    let cli = Cli::parse();
    let ctx = Context {
        db: cli.db.unwrap_or_else(paths::default_db_path),
        user: cli
            .user
            .or_else(|| std::env::var("USER").ok())
            .filter(|u| !u.trim().is_empty())
            .unwrap_or_else(|| "cli".to_owned()),
        quiet: cli.quiet,
    };
    let result = match cli.command {
        Command::Import(args) => cmd::import::run(&ctx, args),
        Command::List(args) => cmd::list::run(&ctx, args),
        Command::Show(args) => cmd::show::run(&ctx, args),
        Command::Edit(args) => cmd::edit::run(&ctx, args),
        Command::Undo(args) => cmd::undo::undo(&ctx, args),
        Command::Redo(args) => cmd::undo::redo(&ctx, args),
        Command::History(args) => cmd::history::run(&ctx, args),
        Command::Export(args) => cmd::export::run(&ctx, args),
        Command::Suggest(args) => cmd::suggest::run(&ctx, args),
        Command::Dict(args) => cmd::dict::run(&ctx, args),
        Command::Topics(args) => cmd::topics::run(&ctx, args),
        Command::Search(args) => cmd::search::run(&ctx, args),
        Command::Annotate(args) => cmd::annotate::run(&ctx, args),
        Command::Review(args) => cmd::review::run(&ctx, args),
        Command::Accept(args) => cmd::decide::accept(&ctx, args),
        Command::Reject(args) => cmd::decide::reject(&ctx, args),
        Command::Serve(args) => cmd::serve::run(&ctx, args),
        Command::User(args) => cmd::user::run(&ctx, args),
        Command::Backup(args) => cmd::backup::run(&ctx, args),
        Command::Learning(args) => cmd::learning::run(&ctx, args),
        Command::Eval(args) => cmd::eval::run(&ctx, args),
        Command::Agreement(args) => cmd::agreement::run(&ctx, args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(cmd::Failure::Reported) => ExitCode::FAILURE,
        Err(cmd::Failure::Error(e)) => {
            // A read-only or full database is named even where the failing call did not know it.
            let e = e.at_database(&ctx.db);
            eprintln!("galley: {}", cmd::out::escape(&e.to_string()));
            ExitCode::FAILURE
        }
    }
}
