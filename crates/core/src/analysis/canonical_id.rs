//! Canonical IDs (docs/reference/dsl.md §3): `<path>::<astPath>`, the one name of a
//! definition everywhere (artifact keys, graph edges, the snapshot). This is the only code
//! that formats or splits them.

use std::fmt;

const SEPARATOR: &str = "::";

/// A definition's canonical ID.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CanonicalId(String);

impl CanonicalId {
    /// The ID of the definition at `ast_path` in the root-relative file `file`.
    pub fn new(file: &str, ast_path: &str) -> Self {
        Self(format!("{file}{SEPARATOR}{ast_path}"))
    }

    /// An ID read back as text, when it has the `<path>::<astPath>` shape.
    pub fn parse(id: &str) -> Option<Self> {
        Self::split(id).map(|_| Self(id.to_string()))
    }

    /// The file and astPath of an ID held as text (map keys, edges).
    pub fn split(id: &str) -> Option<(&str, &str)> {
        id.split_once(SEPARATOR)
    }

    /// The file of an ID held as text.
    pub fn file_of(id: &str) -> Option<&str> {
        Self::split(id).map(|(file, _)| file)
    }

    /// The common prefix of every ID in `file`: a sorted map's IDs of one file form one
    /// range starting there.
    pub fn file_prefix(file: &str) -> String {
        format!("{file}{SEPARATOR}")
    }

    /// The root-relative file.
    pub fn file(&self) -> &str {
        Self::file_of(&self.0).unwrap_or_default()
    }

    /// The astPath within the file.
    pub fn ast_path(&self) -> &str {
        Self::split(&self.0).map(|(_, p)| p).unwrap_or_default()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for CanonicalId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<CanonicalId> for String {
    fn from(id: CanonicalId) -> Self {
        id.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_splits() {
        let id = CanonicalId::new("src/a.ts", "factory._arrow_0.f");
        assert_eq!(id.as_str(), "src/a.ts::factory._arrow_0.f");
        assert_eq!(
            (id.file(), id.ast_path()),
            ("src/a.ts", "factory._arrow_0.f")
        );
        assert_eq!(CanonicalId::parse(id.as_str()), Some(id));
        assert_eq!(CanonicalId::parse("src/a.ts"), None);
        assert!("src/a.ts::x".starts_with(&CanonicalId::file_prefix("src/a.ts")));
    }
}
