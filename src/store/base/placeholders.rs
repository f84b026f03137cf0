//! Bind-parameter placeholders for multi-row statements (an import's chunks, a batch's
//! new cases). sqlx asks SQLite for the name of every numbered parameter by a linear
//! scan, so binding thousands of `$N` takes quadratic time there: SQLite gets `?`.

use std::fmt::Write as _;

use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::{Any, AnyConnection};

use crate::store::Backend;

/// Statements whose text varies with their number of rows or values are kept prepared (in
/// sqlx's statement cache) only up to this size: a steady stream of one-report batches then
/// reuses its statements (on PostgreSQL one round trip instead of two, and no parsing or
/// planning), while a burst's many sizes do not push the fixed statements out of the cache.
const KEPT_UP_TO: usize = 2;

/// The statement `sql`, whose text was made for `size` rows or values.
pub(in crate::store) fn sized_query(sql: String, size: usize) -> Query<'static, Any, AnyArguments> {
    sqlx::query(sqlx::AssertSqlSafe(sql)).persistent(kept_prepared(size))
}

/// Whether a statement whose text was made for `size` rows or values is kept prepared.
pub(in crate::store) fn kept_prepared(size: usize) -> bool {
    size <= KEPT_UP_TO
}

/// Bind-parameter placeholders in the database's preferred form: numbered `$N` on
/// PostgreSQL, anonymous `?` on SQLite (see the module documentation). Parameters are bound in
/// the order their placeholders appear.
#[derive(Debug, Clone, Copy)]
pub(in crate::store) struct Placeholders(pub(in crate::store) Backend);

impl Placeholders {
    /// The placeholders of the database `conn` is connected to.
    pub(in crate::store) fn of(conn: &AnyConnection) -> Self {
        Placeholders(Backend::of_connection(conn))
    }

    /// Parameter number `n` (from 1).
    fn push(self, out: &mut String, n: usize) {
        match self.0 {
            Backend::Sqlite => out.push('?'),
            Backend::Postgres => {
                let _ = write!(out, "${n}");
            }
        }
    }

    pub(in crate::store) fn one(self, n: usize) -> String {
        let mut out = String::new();
        self.push(&mut out, n);
        out
    }

    /// `n` parameters from number `first`, comma-separated.
    pub(in crate::store) fn list(self, first: usize, n: usize) -> String {
        let mut out = String::with_capacity(n * 8);
        self.push_list(&mut out, first, n);
        out
    }

    fn push_list(self, out: &mut String, first: usize, n: usize) {
        for i in first..first + n {
            if i > first {
                out.push_str(", ");
            }
            self.push(out, i);
        }
    }

    /// `rows` rows of `cols` parameters each, then the `constants` (if any): `(?, ?, 1), (?, ?, 1)`.
    pub(in crate::store) fn rows(self, rows: usize, cols: usize, constants: &str) -> String {
        let mut out = String::with_capacity(rows * (cols * 8 + constants.len() + 4));
        for r in 0..rows {
            if r > 0 {
                out.push_str(", ");
            }
            out.push('(');
            self.push_list(&mut out, 1 + r * cols, cols);
            if !constants.is_empty() {
                out.push_str(", ");
                out.push_str(constants);
            }
            out.push(')');
        }
        out
    }
}
