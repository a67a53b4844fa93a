//! Accounts and sessions of a shared workspace (`galley serve`), and what each role may do.
//!
//! Passwords are hashed with Argon2id; a session is a random token whose SHA-256 alone is
//! stored, with an anti-forgery (CSRF) token that every change must echo. Sign-in failures say
//! the same thing whatever the reason, so they tell an attacker nothing.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use serde::Serialize;
use sha2::{Digest as _, Sha256};

use super::Workspace;
use crate::model::Role;
use crate::store::people::{self, Person};
use crate::store::{now, sessions};
use crate::{Error, Result};

/// How long a session lasts without signing in again.
pub const SESSION_HOURS: i64 = 12;
/// Shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 10;

/// What a verb needs the person acting to be allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// Browse, search, read, export.
    Read,
    /// Import, fix structure, annotate, decide on suggestions, the dictionary and topics.
    Edit,
    /// Give verdicts on claims and add evidence.
    Review,
    /// Manage people's accounts.
    Admin,
}

impl Permission {
    /// Whether `role` may do this.
    pub fn allowed_for(self, role: Role) -> bool {
        match self {
            Permission::Read => true,
            Permission::Edit => matches!(role, Role::Admin | Role::Editor),
            Permission::Review => matches!(role, Role::Admin | Role::Reviewer),
            Permission::Admin => role == Role::Admin,
        }
    }
}

/// A person's account as an admin sees it (never the hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    /// Name and role.
    #[serde(flatten)]
    pub person: Person,
    /// Whether they can sign in with a password.
    pub has_password: bool,
    /// Whether the account is disabled.
    pub disabled: bool,
}

/// A new password, shown once to whoever set it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Credentials {
    /// Who.
    pub person: Person,
    /// The password in clear: shown once, stored only as a hash.
    pub password: String,
}

/// A signed-in session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Session {
    /// The secret that identifies the session (a cookie's value); never logged.
    #[serde(skip)]
    pub token: String,
    /// The anti-forgery token every change must echo.
    pub csrf: String,
    /// Who is signed in.
    pub person: Person,
}

impl Workspace {
    /// From now on, verbs check the acting person's role (the team server's mode).
    pub fn enforce_roles(&mut self) {
        self.enforce_roles = true;
    }

    /// Fails with [`Error::Forbidden`] unless the person acting may do `p`. Without
    /// [`Workspace::enforce_roles`] (one person on their own file) everything is allowed.
    pub fn require(&self, p: Permission) -> Result<()> {
        if !self.enforce_roles {
            return Ok(());
        }
        let role = self.user()?.map(|u| u.role);
        match role.is_some_and(|r| p.allowed_for(r)) {
            true => Ok(()),
            false => Err(Error::Forbidden {
                role: role.map_or("nobody", Role::as_str),
                what: format!("{p:?}").to_lowercase(),
            }),
        }
    }

    /// Every account, by name.
    pub fn users(&self) -> Result<Vec<User>> {
        self.require(Permission::Admin)?;
        Ok(people::list(self.store.conn())?
            .into_iter()
            .map(|a| User {
                has_password: a.password_hash.is_some(),
                disabled: a.disabled_at.is_some(),
                person: a.person,
            })
            .collect())
    }

    /// Adds a person (or changes their role) with a new one-time password, shown once.
    pub fn add_user(&mut self, name: &str, role: Role) -> Result<Credentials> {
        self.require(Permission::Admin)?;
        let person = people::upsert(self.store.conn(), name, role, &now())?;
        self.set_password(&person.name.clone(), None)
    }

    /// Sets a person's password: the one given (at least [`MIN_PASSWORD_CHARS`] characters), or
    /// a new random one. Their sessions end.
    pub fn set_password(&mut self, name: &str, password: Option<&str>) -> Result<Credentials> {
        self.require(Permission::Admin)?;
        let password = match password {
            Some(p) => checked_password(p)?.to_owned(),
            None => random_password()?,
        };
        let hash = hash_password(&password)?;
        let person = self.store.write(|tx| {
            let person = people::get(tx, name)?.ok_or_else(|| unknown(name))?;
            people::set_password_hash(tx, name, &hash)?;
            sessions::delete_for(tx, name)?;
            Ok(person)
        })?;
        Ok(Credentials { person, password })
    }

    /// Disables (or enables again) an account; a disabled person's sessions end.
    pub fn set_disabled(&mut self, name: &str, disabled: bool) -> Result<()> {
        self.require(Permission::Admin)?;
        let at = disabled.then(now);
        self.store.write(|tx| {
            if !people::set_disabled(tx, name, at.as_deref())? {
                return Err(unknown(name));
            }
            sessions::delete_for(tx, name)
        })
    }

    /// The first start of a server: when nobody is an admin with a password, makes `admin`
    /// one, with a one-time password to print. `None` when an admin exists.
    pub fn ensure_admin(&mut self) -> Result<Option<Credentials>> {
        let admins = people::list(self.store.conn())?
            .into_iter()
            .filter(|a| a.person.role == Role::Admin && a.password_hash.is_some())
            .count();
        if admins > 0 {
            return Ok(None);
        }
        let enforce = std::mem::replace(&mut self.enforce_roles, false);
        let made = self.add_user("admin", Role::Admin);
        self.enforce_roles = enforce;
        made.map(Some)
    }

    /// Signs a person in with their password and acts as them.
    pub fn sign_in_with_password(&mut self, name: &str, password: &str) -> Result<Session> {
        let account = people::account(self.store.conn(), name)?;
        let ok = account.as_ref().is_some_and(|a| {
            a.disabled_at.is_none()
                && a.password_hash
                    .as_deref()
                    .is_some_and(|h| verify_password(password, h))
        });
        let Some(account) = account.filter(|_| ok) else {
            return Err(Error::SignInFailed);
        };
        let (token, csrf) = (random_hex(32)?, random_hex(32)?);
        let expires = hours_from_now(SESSION_HOURS)?;
        let name = account.person.name.clone();
        sessions::insert(
            self.store.conn(),
            &token_hash(&token),
            &name,
            &csrf,
            &now(),
            &expires,
        )?;
        self.actor = Some(name);
        Ok(Session {
            token,
            csrf,
            person: account.person,
        })
    }

    /// Acts as the person whose session `token` is, if it is live and they are not disabled.
    pub fn resume(&mut self, token: &str) -> Result<Session> {
        let row = sessions::get(self.store.conn(), &token_hash(token), &now())?
            .ok_or(Error::NotSignedIn)?;
        let account = people::account(self.store.conn(), &row.name)?
            .filter(|a| a.disabled_at.is_none())
            .ok_or(Error::NotSignedIn)?;
        self.actor = Some(row.name);
        Ok(Session {
            token: token.to_owned(),
            csrf: row.csrf,
            person: account.person,
        })
    }

    /// Ends a session.
    pub fn sign_out(&mut self, token: &str) -> Result<()> {
        self.actor = None;
        sessions::delete(self.store.conn(), &token_hash(token))
    }
}

fn unknown(name: &str) -> Error {
    Error::Invalid(format!("nobody is called {name:?} here"))
}

fn checked_password(p: &str) -> Result<&str> {
    match p.chars().count() >= MIN_PASSWORD_CHARS {
        true => Ok(p),
        false => Err(Error::Invalid(format!(
            "a password has at least {MIN_PASSWORD_CHARS} characters"
        ))),
    }
}

/// Argon2id with the crate's default (OWASP-recommended) cost, as a PHC string.
fn hash_password(password: &str) -> Result<String> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| Error::Invalid(format!("no randomness: {e}")))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| Error::Invalid(e.to_string()))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::Invalid(format!("cannot hash the password: {e}")))
}

fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| {
        Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    })
}

/// A password of 16 letters and digits, easy to type once.
fn random_password() -> Result<String> {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzACDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| Error::Invalid(format!("no randomness: {e}")))?;
    Ok(bytes
        .iter()
        .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
        .collect())
}

fn random_hex(n: usize) -> Result<String> {
    let mut bytes = vec![0u8; n];
    getrandom::fill(&mut bytes).map_err(|e| Error::Invalid(format!("no randomness: {e}")))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn hours_from_now(hours: i64) -> Result<String> {
    let at = time::OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .unwrap_or_else(|_| time::OffsetDateTime::now_utc())
        + time::Duration::hours(hours);
    at.format(&time::format_description::well_known::Rfc3339)
        .map_err(|e| Error::Invalid(e.to_string()))
}
