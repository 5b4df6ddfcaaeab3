//! Query helpers for lists: case-insensitive "contains" search that behaves the same on
//! SQLite and PostgreSQL, and paging.

use pamong_domain::page::{ListQuery, Page};
use pamong_entity::bapas;
use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr, SimpleExpr};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QuerySelect, Select,
};

use crate::policy::Scope;

/// The rows of the page `query` asks for, and how many rows match in all.
pub async fn fetch_page<E>(
    db: &DatabaseConnection,
    select: Select<E>,
    query: &ListQuery,
) -> Result<(Vec<E::Model>, u64), DbErr>
where
    E: EntityTrait,
    E::Model: Sync,
{
    let paginator = select.paginate(db, query.page_size());
    let total = paginator.num_items().await?;
    let rows = paginator.fetch_page(query.page_index()).await?;
    Ok((rows, total))
}

/// Wraps a page's items with its position.
pub fn page<T>(items: Vec<T>, total: u64, query: &ListQuery) -> Page<T> {
    Page { items, total, page: query.page_index() + 1, per_page: query.page_size(), more: false }
}

/// `lower(column) LIKE %text%`, with `%`, `_` and `\` in the user's text matched literally.
pub fn contains_ci<C: ColumnTrait>(column: C, text: &str) -> SimpleExpr {
    let escaped = text.to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    Expr::expr(Func::lower(Expr::col(column.as_column_ref())))
        .like(LikeExpr::new(format!("%{escaped}%")).escape('\\'))
}

/// The condition restricting a table's Bapas column to a policy [`Scope`]: the Bapas of a
/// Kanwil are looked up once.
pub async fn office_condition<C: ConnectionTrait, Col: ColumnTrait>(
    db: &C,
    scope: Scope,
    bapas_column: Col,
) -> Result<Condition, DbErr> {
    Ok(match scope {
        Scope::All => Condition::all(),
        Scope::Bapas(b) => Condition::all().add(bapas_column.eq(b)),
        Scope::Kanwil(k) => {
            let ids: Vec<i32> = bapas::Entity::find()
                .select_only()
                .column(bapas::Column::Id)
                .filter(bapas::Column::KanwilId.eq(k))
                .into_tuple()
                .all(db)
                .await?;
            Condition::all().add(bapas_column.is_in(ids))
        }
        Scope::Nothing => Condition::all().add(nothing()),
    })
}

/// A condition no row satisfies, for actors whose scope is empty.
pub fn nothing() -> SimpleExpr {
    Expr::cust("1 = 0")
}
