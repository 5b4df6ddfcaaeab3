//! Case-insensitive "contains" search that behaves the same on SQLite and PostgreSQL.

use sea_orm::ColumnTrait;
use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr, SimpleExpr};

/// `lower(column) LIKE %text%`, with `%`, `_` and `\` in the user's text matched literally.
pub fn contains_ci<C: ColumnTrait>(column: C, text: &str) -> SimpleExpr {
    let escaped = text.to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    Expr::expr(Func::lower(Expr::col(column.as_column_ref())))
        .like(LikeExpr::new(format!("%{escaped}%")).escape('\\'))
}

/// A condition no row satisfies, for actors whose scope is empty.
pub fn nothing() -> SimpleExpr {
    Expr::cust("1 = 0")
}
