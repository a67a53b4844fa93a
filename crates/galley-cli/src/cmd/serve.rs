//! `galley serve`: share this workspace with a desk over HTTP (browsers and desktop apps).

use std::net::SocketAddr;

use super::Outcome;
use crate::Context;

/// Serve the workspace to a desk: the same window in any browser, with accounts and roles.
///
/// The first start makes an `admin` account and prints its one-time password.
#[derive(clap::Args)]
pub struct Args {
    /// Address to listen on (the loopback by default; put a TLS proxy in front to share wider).
    #[arg(long, default_value = "127.0.0.1:8080")]
    bind: SocketAddr,
    /// Mark the session cookie Secure (when served through HTTPS).
    #[arg(long)]
    secure_cookies: bool,
}

pub fn run(ctx: &Context, args: Args) -> Outcome {
    let config = galley_server::Config {
        db: ctx.db().to_owned(),
        bind: args.bind,
        secure_cookies: args.secure_cookies,
    };
    let runtime = galley_server::runtime()
        .map_err(|e| galley_core::Error::Invalid(format!("cannot start the server: {e}")))?;
    Ok(runtime.block_on(galley_server::serve(config))?)
}
