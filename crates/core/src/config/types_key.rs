//! Config `types` (types.md §3): `false`, or `{ outDir?, scalars? }`, validated like every
//! other key (one error naming the key).

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use super::{normalize, TypesConfig};

const TYPES_KEYS: [&str; 2] = ["outDir", "scalars"];
/// Where the type files go when the config does not say (types.md §3): under `src/`, so a
/// usual tsconfig already includes it.
const DEFAULT_TYPES_OUT_DIR: &str = "src/graphql-system/__generated__";

/// The `types` key resolved against the root: `None` when `false`; a key error as
/// `(key, message)`.
pub(super) fn types_config(
    value: Option<&Value>,
    root: &Path,
    cache_dir: &Path,
) -> Result<Option<TypesConfig>, (String, String)> {
    let shape = || {
        (
            "types".to_string(),
            "must be false or an object { outDir?, scalars? }".to_string(),
        )
    };
    let object = match value {
        None => &serde_json::Map::new(),
        Some(Value::Bool(false)) => return Ok(None),
        Some(Value::Object(object)) => object,
        Some(_) => return Err(shape()),
    };
    if let Some(key) = object.keys().find(|k| !TYPES_KEYS.contains(&k.as_str())) {
        return Err((
            format!("types.{key}"),
            format!("unknown key (expected {})", TYPES_KEYS.join(", ")),
        ));
    }
    let out_dir = match object.get("outDir") {
        None => root.join(DEFAULT_TYPES_OUT_DIR),
        Some(Value::String(dir)) if !dir.is_empty() => normalize(&root.join(dir)),
        Some(_) => {
            return Err((
                "types.outDir".into(),
                "must be a non-empty string (a folder inside the root)".into(),
            ))
        }
    };
    if !out_dir.starts_with(root) || out_dir == root {
        return Err((
            "types.outDir".into(),
            "must be a folder inside the config root".into(),
        ));
    }
    if out_dir.starts_with(cache_dir) || cache_dir.starts_with(&out_dir) {
        return Err((
            "types.outDir".into(),
            "must not overlap the cache dir".into(),
        ));
    }
    let mut scalars = BTreeMap::new();
    match object.get("scalars") {
        None => {}
        Some(Value::Object(map)) => {
            for (name, ty) in map {
                match ty {
                    Value::String(ty) if !ty.trim().is_empty() => {
                        scalars.insert(name.clone(), ty.clone());
                    }
                    _ => {
                        return Err((
                            format!("types.scalars.{name}"),
                            "must be a TypeScript type as a string (e.g. \"string\")".into(),
                        ))
                    }
                }
            }
        }
        Some(_) => {
            return Err((
                "types.scalars".into(),
                "must be an object { ScalarName: \"TypeScript type\" }".into(),
            ))
        }
    }
    Ok(Some(TypesConfig { out_dir, scalars }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn check(value: Value) -> Result<Option<TypesConfig>, (String, String)> {
        types_config(
            Some(&value),
            Path::new("/p"),
            Path::new("/p/node_modules/.cache/fizz"),
        )
    }

    #[test]
    fn defaults_false_and_scalars() {
        let default = types_config(None, Path::new("/p"), Path::new("/p/.cache"))
            .unwrap()
            .unwrap();
        assert_eq!(
            default.out_dir,
            Path::new("/p/src/graphql-system/__generated__")
        );
        assert!(default.scalars.is_empty());
        assert_eq!(check(json!(false)).unwrap(), None);
        let custom = check(json!({ "outDir": "./gen/types", "scalars": { "DateTime": "string" } }))
            .unwrap()
            .unwrap();
        assert_eq!(custom.out_dir, Path::new("/p/gen/types"));
        assert_eq!(custom.scalars["DateTime"], "string");
    }

    #[test]
    fn every_misfit_names_its_key() {
        let key = |value: Value| check(value).unwrap_err().0;
        assert_eq!(key(json!(true)), "types");
        assert_eq!(key(json!("./gen")), "types");
        assert_eq!(key(json!({ "outdir": "x" })), "types.outdir");
        assert_eq!(key(json!({ "outDir": 3 })), "types.outDir");
        assert_eq!(key(json!({ "outDir": "../outside" })), "types.outDir");
        assert_eq!(key(json!({ "outDir": "." })), "types.outDir");
        assert_eq!(
            key(json!({ "outDir": "node_modules/.cache/fizz/t" })),
            "types.outDir"
        );
        assert_eq!(key(json!({ "scalars": [] })), "types.scalars");
        assert_eq!(
            key(json!({ "scalars": { "DateTime": 1 } })),
            "types.scalars.DateTime"
        );
        assert_eq!(
            key(json!({ "scalars": { "DateTime": " " } })),
            "types.scalars.DateTime"
        );
    }
}
