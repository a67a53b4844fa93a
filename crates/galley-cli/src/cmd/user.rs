//! `galley user …`: the accounts of a shared workspace (admin, editor, reviewer, read only).

use galley_core::app::accounts::{Credentials, User};
use galley_core::model::Role;

use super::{out, Outcome};
use crate::Context;

/// Manage who may sign in to `galley serve`, and in which role.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    op: Op,
}

#[derive(clap::Subcommand)]
enum Op {
    /// Add a person (or change their role) with a one-time password, printed once.
    Add {
        name: String,
        /// admin, editor, reviewer or read_only.
        #[arg(long, default_value = "editor")]
        role: Role,
    },
    /// List the accounts.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Give a person a new one-time password (printed once); their sessions end.
    Passwd { name: String },
    /// Disable an account; its sessions end.
    Disable { name: String },
    /// Enable an account again.
    Enable { name: String },
}

pub fn run(ctx: &Context, args: Args) -> Outcome {
    let mut ws = ctx.open()?;
    match args.op {
        Op::Add { name, role } => out::text(&credentials(&ws.add_user(&name, role)?)),
        Op::List { json } => out::show(&ws.users()?, json, |u| render(u)),
        Op::Passwd { name } => out::text(&credentials(&ws.set_password(&name, None)?)),
        Op::Disable { name } => out::text(&format!(
            "{}\n",
            ws.set_disabled(&name, true).map(|()| "disabled")?
        )),
        Op::Enable { name } => out::text(&format!(
            "{}\n",
            ws.set_disabled(&name, false).map(|()| "enabled")?
        )),
    }
}

fn credentials(c: &Credentials) -> String {
    format!(
        "{} ({}): one-time password {}\n",
        c.person.name, c.person.role, c.password
    )
}

fn render(users: &[User]) -> String {
    users
        .iter()
        .map(|u| {
            let state = if u.disabled { " (disabled)" } else { "" };
            let pw = if u.has_password { "" } else { " (no password)" };
            format!("{}\t{}{pw}{state}\n", u.person.name, u.person.role)
        })
        .collect()
}
