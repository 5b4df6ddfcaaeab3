//! Small text parsers shared by the domain's input types.

use crate::error::{ErrorKind, FieldErrors, Problem};

/// Trims `raw` and checks it is present and at most `max` characters; records a problem for
/// `field` otherwise. Returns the trimmed text (possibly empty on error).
pub fn required_text(errors: &mut FieldErrors, field: &str, raw: &str, max: u16) -> String {
    let value = collapse_spaces(raw);
    if value.is_empty() {
        errors.add(field, Problem::Required);
    } else if value.chars().count() > usize::from(max) {
        errors.add(field, Problem::TooLong { max });
    }
    value
}

/// Like [`required_text`] but an empty value is fine and becomes `None`.
pub fn optional_text(errors: &mut FieldErrors, field: &str, raw: &str, max: u16) -> Option<String> {
    let value = collapse_spaces(raw);
    if value.is_empty() {
        return None;
    }
    if value.chars().count() > usize::from(max) {
        errors.add(field, Problem::TooLong { max });
    }
    Some(value)
}

/// A free-text note typed on its own (a decision note, a reason): trimmed, line breaks
/// kept, at most `max` characters; empty is `None`.
pub fn note(field: &str, raw: &str, max: u16) -> Result<Option<String>, ErrorKind> {
    let value = raw.trim();
    if value.chars().count() > usize::from(max) {
        return Err(ErrorKind::field(field, Problem::TooLong { max }));
    }
    Ok((!value.is_empty()).then(|| value.to_owned()))
}

/// A time of day typed as `HH:MM`; records `Required` or `BadFormat` for `field` otherwise.
pub fn time_field(errors: &mut FieldErrors, field: &str, raw: &str) -> Option<time::Time> {
    let raw = raw.trim();
    if raw.is_empty() {
        errors.add(field, Problem::Required);
        return None;
    }
    let parsed = time::Time::parse(raw, time::macros::format_description!("[hour]:[minute]")).ok();
    if parsed.is_none() {
        errors.add(field, Problem::BadFormat);
    }
    parsed
}

/// The first and last years a date entered into Pamong may fall in. Births, sentences and
/// agreements all lie well inside; a year 0001 or 9999 is a typo, and letting it through
/// would make every page that walks a supervision period count tens of thousands of
/// reporting periods.
pub const YEARS: (i32, i32) = (1900, 2100);

/// Whether `year` lies in [`YEARS`].
pub fn plausible_year(year: i32) -> bool {
    (YEARS.0..=YEARS.1).contains(&year)
}

/// The problem of a date outside [`YEARS`].
pub fn date_out_of_range() -> Problem {
    Problem::DateOutOfRange { from: YEARS.0, to: YEARS.1 }
}

/// The entries of a list field (lines of a text, rows of a form): at most `max_items` of
/// them, each at most `max_len` characters, blank ones dropped. Records a problem for
/// `field` otherwise and returns what fits, so the caller can still check the rest.
pub fn text_list<'a>(
    errors: &mut FieldErrors,
    field: &str,
    items: impl IntoIterator<Item = &'a str>,
    max_items: u16,
    max_len: u16,
) -> Vec<String> {
    let mut out = Vec::new();
    for item in items {
        let value = collapse_spaces(item);
        if value.is_empty() {
            continue;
        }
        if out.len() == usize::from(max_items) {
            errors.add(field, Problem::TooMany { max: max_items });
            break;
        }
        if value.chars().count() > usize::from(max_len) {
            errors.add(field, Problem::TooLong { max: max_len });
            break;
        }
        out.push(value);
    }
    out
}

/// Reads a set of ticked options (text forms of an enum), each once. A form never sends
/// more than [`MAX_TICKED`]; more, or an unknown code, is refused.
pub fn enum_set<T: PartialEq>(
    errors: &mut FieldErrors,
    field: &str,
    raws: &[String],
    parse: impl Fn(&str) -> Option<T>,
) -> Vec<T> {
    let mut out = Vec::new();
    if !row_count(errors, field, raws, MAX_TICKED) {
        return out;
    }
    for raw in raws {
        match parse(raw) {
            Some(v) if !out.contains(&v) => out.push(v),
            Some(_) => {}
            None => errors.add(field, Problem::BadFormat),
        }
    }
    out
}

/// Most options one set of tick boxes sends.
pub const MAX_TICKED: u16 = 30;

/// Checks that a list of form rows (contacts, follow-ups, agreement forms) holds at most
/// `max` entries; the rows themselves are checked by their own parsers.
pub fn row_count<T>(errors: &mut FieldErrors, field: &str, rows: &[T], max: u16) -> bool {
    let ok = rows.len() <= usize::from(max);
    if !ok {
        errors.add(field, Problem::TooMany { max });
    }
    ok
}

/// Trims and folds runs of white space into one space, so "  Bapas   Jember " and
/// "Bapas Jember" are the same name.
pub fn collapse_spaces(raw: &str) -> String {
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An optional phone number: digits with an optional leading `+`, spaces and dashes allowed
/// and removed; 8 to 15 digits.
pub fn optional_phone(errors: &mut FieldErrors, field: &str, raw: &str) -> Option<String> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return None;
    }
    let (plus, rest) = match trimmed.strip_prefix('+') {
        Some(rest) => ("+", rest),
        None => ("", trimmed),
    };
    let digits: String = rest.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    if !digits.chars().all(|c| c.is_ascii_digit()) || !(8..=15).contains(&digits.len()) {
        errors.add(field, Problem::BadFormat);
    }
    Some(format!("{plus}{digits}"))
}

/// An optional e-mail address: one `@` with text on both sides and a dot in the domain.
pub fn optional_email(errors: &mut FieldErrors, field: &str, raw: &str) -> Option<String> {
    let value = raw.trim().to_lowercase();
    if value.is_empty() {
        return None;
    }
    let ok = match value.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !value.contains(char::is_whitespace)
                && !domain.contains('@')
        }
        None => false,
    };
    if !ok {
        errors.add(field, Problem::BadFormat);
    }
    if value.chars().count() > 254 {
        errors.add(field, Problem::TooLong { max: 254 });
    }
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_text_trims_and_folds() {
        let mut e = FieldErrors::new();
        assert_eq!(required_text(&mut e, "n", "  Bapas   Jember ", 50), "Bapas Jember");
        assert!(e.is_empty());
    }

    #[test]
    fn required_text_reports_empty_and_long() {
        let mut e = FieldErrors::new();
        required_text(&mut e, "a", "   ", 5);
        required_text(&mut e, "b", "abcdef", 5);
        required_text(&mut e, "c", "abcde", 5);
        assert_eq!(e.get("a"), Some(Problem::Required));
        assert_eq!(e.get("b"), Some(Problem::TooLong { max: 5 }));
        assert_eq!(e.get("c"), None);
    }

    #[test]
    fn text_lists_are_bounded_in_count_and_length() {
        let mut e = FieldErrors::new();
        assert_eq!(text_list(&mut e, "l", "a, ,  b  ,c".split(','), 3, 5), ["a", "b", "c"]);
        assert!(e.is_empty());
        assert_eq!(text_list(&mut e, "m", "a,b,c,d".split(','), 3, 5), ["a", "b", "c"]);
        assert_eq!(e.get("m"), Some(Problem::TooMany { max: 3 }));
        text_list(&mut e, "n", ["abcdef"], 3, 5);
        assert_eq!(e.get("n"), Some(Problem::TooLong { max: 5 }));
    }

    #[test]
    fn plausible_years() {
        assert!(plausible_year(1900) && plausible_year(2100));
        assert!(!plausible_year(1) && !plausible_year(1899) && !plausible_year(2101));
    }

    #[test]
    fn phone_accepts_indonesian_forms() {
        let mut e = FieldErrors::new();
        assert_eq!(optional_phone(&mut e, "p", "0812-3456-7890").as_deref(), Some("081234567890"));
        assert_eq!(optional_phone(&mut e, "p", "+62 812 3456 7890").as_deref(), Some("+6281234567890"));
        assert_eq!(optional_phone(&mut e, "p", " "), None);
        assert!(e.is_empty());
        optional_phone(&mut e, "q", "12ab5678");
        optional_phone(&mut e, "r", "1234567");
        assert_eq!(e.get("q"), Some(Problem::BadFormat));
        assert_eq!(e.get("r"), Some(Problem::BadFormat));
    }

    #[test]
    fn email_shape() {
        let mut e = FieldErrors::new();
        assert_eq!(optional_email(&mut e, "e", " Ana@Bapas.go.id ").as_deref(), Some("ana@bapas.go.id"));
        assert!(e.is_empty());
        for (i, bad) in ["ana", "ana@", "@x.id", "ana@x", "a b@x.id", "a@.id"].iter().enumerate() {
            let f = format!("f{i}");
            optional_email(&mut e, &f, bad);
            assert_eq!(e.get(&f), Some(Problem::BadFormat), "{bad}");
        }
    }
}
