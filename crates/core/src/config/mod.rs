//! `fizz.config.json` (docs/reference/api.md §1): reading, validation with one clear error naming the key
//! and file, and resolution of every path against the config root.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::hashing::hash_hex;
use types_key::types_config;

mod types_key;

pub mod warnings;

mod soda;

pub use soda::{is_soda_config, SODA_CONFIG_FILE_NAMES};

/// File names looked up in the root when no config path is given, in order: fizz-gql's
/// own, then soda-gql's (read statically, `soda.rs`). `lib/project-files.cjs` holds the
/// same list (a JS test checks).
pub const CONFIG_FILE_NAMES: [&str; 7] = [
    "fizz.config.json",
    "fizz.config.mjs",
    "fizz.config.js",
    SODA_CONFIG_FILE_NAMES[0],
    SODA_CONFIG_FILE_NAMES[1],
    SODA_CONFIG_FILE_NAMES[2],
    SODA_CONFIG_FILE_NAMES[3],
];

const DEFAULT_CACHE_DIR: &str = "node_modules/.cache/fizz/builder";
const KNOWN_KEYS: [&str; 8] = [
    "include",
    "exclude",
    "graphqlSystem",
    "schemas",
    "tsconfig",
    "cacheDir",
    "allowOutsideRoot",
    "types",
];

const SYSTEM_KEYS: [&str; 2] = ["path", "aliases"];
/// The extensions of the source files the builder parses (without the dot), in the order
/// module resolution tries them. `lib/project-files.cjs` holds the same list (a JS test checks).
pub const SOURCE_EXTENSIONS: [&str; 8] = ["ts", "tsx", "mts", "cts", "js", "jsx", "mjs", "cjs"];

/// A config that does not fit: the message names the file and the key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub file: String,
    pub key: Option<String>,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.key {
            Some(key) => write!(f, "{}: \"{}\": {}", self.file, key, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

/// The config with every path resolved: what the builder runs on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolvedConfig {
    /// Absolute config root; every path in the build is relative to it.
    pub root: PathBuf,
    /// The config file, when the config came from one (a change to it rebuilds everything).
    pub config_file: Option<PathBuf>,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    /// The graphql-system module's file (a folder's index file is looked up).
    pub graphql_system: PathBuf,
    pub aliases: Vec<String>,
    /// Schema label → SDL files, labels sorted.
    pub schemas: BTreeMap<String, Vec<PathBuf>>,
    pub tsconfig: Option<PathBuf>,
    pub cache_dir: PathBuf,
    /// Real paths of folders outside the root that symlinks inside it may lead into
    /// (`allowOutsideRoot`, for monorepos that link `../shared`); nothing else outside the
    /// root is walked or read, except the schema and tsconfig files the config names.
    pub allow_outside_root: Vec<PathBuf>,
    /// Typed definitions (config `types`); `None` when `types: false`.
    pub types: Option<TypesConfig>,
    /// Hash of the resolved config (paths relative to the root), for snapshot validation.
    pub hash: String,
    /// What reading the config could not map (a soda-gql config's unknown options or
    /// computed values), one message per key; reported as `CONFIG_UNMAPPED` warnings.
    pub warnings: Vec<String>,
}

/// Config `types` (types.md §3): where the type files go and the custom scalars' types.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypesConfig {
    /// Absolute; a folder inside the root, never the cache dir.
    pub out_dir: PathBuf,
    /// Custom scalar name → TypeScript type text.
    pub scalars: BTreeMap<String, String>,
}

impl ResolvedConfig {
    /// Reads `path` (a `.json` config, or a soda-gql config read statically) and
    /// resolves it against its folder or `root`.
    pub fn from_file(path: &Path, root: Option<&Path>) -> Result<Self, ConfigError> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            file: file.clone(),
            key: None,
            message: format!("cannot read config: {e}"),
        })?;
        let root = root
            .map(Path::to_path_buf)
            .unwrap_or_else(|| path.parent().unwrap_or(Path::new(".")).to_path_buf());
        if is_soda_config(path) {
            let (value, warnings) = soda::read_soda_config(&file, &text, &root)?;
            let mut config = Self::from_value(&value, &root, &file)?;
            config.config_file = Some(canonical(&absolute(path)));
            config.warnings = warnings;
            return Ok(config);
        }
        let value: Value = serde_json::from_str(&text).map_err(|e| ConfigError {
            file: file.clone(),
            key: None,
            message: format!(
                "invalid JSON at line {}, column {}: {e}",
                e.line(),
                e.column()
            ),
        })?;
        let mut config = Self::from_value(&value, &root, &file)?;
        config.config_file = Some(canonical(&absolute(path)));
        Ok(config)
    }

    /// Finds the config file in `root` (`fizz.config.json`, …).
    pub fn find_in(root: &Path) -> Option<PathBuf> {
        CONFIG_FILE_NAMES
            .iter()
            .map(|name| root.join(name))
            .find(|p| p.is_file())
    }

    /// Validates an inline config object; `file` names where it came from in errors.
    pub fn from_value(value: &Value, root: &Path, file: &str) -> Result<Self, ConfigError> {
        let err = |key: &str, message: String| ConfigError {
            file: file.to_string(),
            key: Some(key.to_string()),
            message,
        };
        let object = value.as_object().ok_or_else(|| ConfigError {
            file: file.to_string(),
            key: None,
            message: "the config must be an object".into(),
        })?;
        if let Some(key) = object.keys().find(|k| !KNOWN_KEYS.contains(&k.as_str())) {
            return Err(err(
                key,
                format!("unknown key (expected one of {})", KNOWN_KEYS.join(", ")),
            ));
        }
        // The real path: resolution follows symlinks, and every path must compare under the root.
        let root = canonical(&absolute(root));
        let include =
            string_list(object.get("include"), "include", true).map_err(|m| err("include", m))?;
        if include.is_empty() {
            return Err(err("include", "must list at least one glob".into()));
        }
        let exclude =
            string_list(object.get("exclude"), "exclude", false).map_err(|m| err("exclude", m))?;
        let (graphql_system, aliases) =
            graphql_system(object.get("graphqlSystem"), &root).map_err(|(k, m)| err(&k, m))?;
        let schemas = schemas(object.get("schemas"), &root).map_err(|(k, m)| err(&k, m))?;
        let tsconfig =
            optional_file(object.get("tsconfig"), &root).map_err(|m| err("tsconfig", m))?;
        let cache_dir = match object.get("cacheDir") {
            None => root.join(DEFAULT_CACHE_DIR),
            Some(Value::String(dir)) => normalize(&root.join(dir)),
            Some(_) => return Err(err("cacheDir", "must be a string".into())),
        };
        let allow_outside_root = outside_folders(object.get("allowOutsideRoot"), &root)
            .map_err(|m| err("allowOutsideRoot", m))?;
        let types =
            types_config(object.get("types"), &root, &cache_dir).map_err(|(k, m)| err(&k, m))?;
        let hash = hash_hex(
            serde_json::to_string(&serde_json::json!({
                "include": include, "exclude": exclude,
                "graphqlSystem": relative(&root, &graphql_system), "aliases": aliases,
                "schemas": schemas.iter().map(|(k, v)| (k.clone(), v.iter().map(|p| relative(&root, p)).collect::<Vec<_>>())).collect::<BTreeMap<_, _>>(),
                "tsconfig": tsconfig.as_ref().map(|p| relative(&root, p)),
                "cacheDir": relative(&root, &cache_dir),
                "allowOutsideRoot": allow_outside_root.iter().map(|p| relative(&root, p)).collect::<Vec<_>>(),
                "types": types.as_ref().map(|t| serde_json::json!({ "outDir": relative(&root, &t.out_dir), "scalars": t.scalars })),
            }))
            .unwrap_or_default()
            .as_bytes(),
        );
        Ok(Self {
            root,
            config_file: None,
            include,
            exclude,
            graphql_system,
            aliases,
            schemas,
            tsconfig,
            cache_dir,
            allow_outside_root,
            types,
            hash,
            warnings: Vec::new(),
        })
    }

    /// Whether the builder may read a file or walk a folder whose real path is `real`:
    /// inside the root, or inside a folder of `allowOutsideRoot`.
    pub fn may_read(&self, real: &Path) -> bool {
        real.starts_with(&self.root) || self.allow_outside_root.iter().any(|a| real.starts_with(a))
    }

    /// The root-relative, `/`-separated form of an absolute path inside the root.
    pub fn relative(&self, path: &Path) -> String {
        relative(&self.root, path)
    }
}

fn string_list(value: Option<&Value>, key: &str, required: bool) -> Result<Vec<String>, String> {
    match value {
        None if required => Err(format!(
            "is required (an array of globs, e.g. [\"src/**/*.ts\"]); {key} is missing"
        )),
        None => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| {
                item.as_str()
                    .map(str::to_string)
                    .ok_or_else(|| "must be an array of strings".to_string())
            })
            .collect(),
        Some(_) => Err("must be an array of strings".into()),
    }
}

fn graphql_system(
    value: Option<&Value>,
    root: &Path,
) -> Result<(PathBuf, Vec<String>), (String, String)> {
    let object = match value {
        Some(Value::Object(object)) => object,
        Some(_) => {
            return Err((
                "graphqlSystem".into(),
                "must be an object { path, aliases? }".into(),
            ))
        }
        None => {
            return Err((
                "graphqlSystem".into(),
                "is required (the module that exports `gql`)".into(),
            ))
        }
    };
    if let Some(key) = object.keys().find(|k| !SYSTEM_KEYS.contains(&k.as_str())) {
        return Err((
            format!("graphqlSystem.{key}"),
            "unknown key (expected path, aliases)".into(),
        ));
    }
    let path = match object.get("path") {
        Some(Value::String(path)) => path,
        _ => {
            return Err((
                "graphqlSystem.path".into(),
                "is required and must be a string".into(),
            ))
        }
    };
    let file = module_file(&root.join(path)).ok_or_else(|| {
        (
            "graphqlSystem.path".to_string(),
            format!("no module found at {path} (a file, or a folder with an index file)"),
        )
    })?;
    let aliases = string_list(object.get("aliases"), "aliases", false)
        .map_err(|m| ("graphqlSystem.aliases".to_string(), m))?;
    Ok((file, aliases))
}

/// The module file a path means: itself, itself plus an extension, or its folder's index.
pub fn module_file(path: &Path) -> Option<PathBuf> {
    if path.is_file() {
        return Some(canonical(&normalize(path)));
    }
    let with_ext = SOURCE_EXTENSIONS
        .iter()
        .map(|ext| PathBuf::from(format!("{}.{ext}", path.display())));
    let index = SOURCE_EXTENSIONS
        .iter()
        .map(|ext| path.join(format!("index.{ext}")));
    with_ext
        .chain(index)
        .find(|p| p.is_file())
        .map(|p| canonical(&p))
        .map(|p| normalize(&p))
}

fn schemas(
    value: Option<&Value>,
    root: &Path,
) -> Result<BTreeMap<String, Vec<PathBuf>>, (String, String)> {
    let object = match value {
        Some(Value::Object(object)) if !object.is_empty() => object,
        Some(Value::Object(_)) => {
            return Err((
                "schemas".into(),
                "must name at least one schema label".into(),
            ))
        }
        Some(_) => {
            return Err((
                "schemas".into(),
                "must be an object { label: file | files[] }".into(),
            ))
        }
        None => {
            return Err((
                "schemas".into(),
                "is required (e.g. { \"default\": \"./schema.graphql\" })".into(),
            ))
        }
    };
    let mut out = BTreeMap::new();
    for (label, files) in object {
        let key = format!("schemas.{label}");
        let list = match files {
            Value::String(file) => vec![file.clone()],
            Value::Array(_) => {
                string_list(Some(files), &key, true).map_err(|m| (key.clone(), m))?
            }
            _ => return Err((key, "must be a file path or an array of file paths".into())),
        };
        if list.is_empty() {
            return Err((key, "must name at least one SDL file".into()));
        }
        let mut paths = Vec::new();
        for file in list {
            let path = normalize(&root.join(&file));
            if !path.is_file() {
                return Err((key, format!("file not found: {file}")));
            }
            paths.push(path);
        }
        out.insert(label.clone(), paths);
    }
    Ok(out)
}

/// `allowOutsideRoot`: existing folders, as real paths.
fn outside_folders(value: Option<&Value>, root: &Path) -> Result<Vec<PathBuf>, String> {
    let list = string_list(value, "allowOutsideRoot", false)?;
    list.iter()
        .map(|folder| {
            let path = canonical(&normalize(&root.join(folder)));
            match path.is_dir() {
                true => Ok(path),
                false => Err(format!("folder not found: {folder}")),
            }
        })
        .collect()
}

fn optional_file(value: Option<&Value>, root: &Path) -> Result<Option<PathBuf>, String> {
    match value {
        None => Ok(None),
        Some(Value::String(file)) => {
            let path = normalize(&root.join(file));
            if path.is_file() {
                Ok(Some(path))
            } else {
                Err(format!("file not found: {file}"))
            }
        }
        Some(_) => Err("must be a string".into()),
    }
}

/// An absolute, lexically normalised path (no `.` or `..` segments).
pub fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    normalize(&joined)
}

/// Removes `.` and `..` segments without touching the file system.
pub fn normalize(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// `path` relative to `root` with `/` separators (the same on every OS); paths outside
/// the root keep their absolute form (`/etc/passwd`, not `//etc/passwd`).
pub fn relative(root: &Path, path: &Path) -> String {
    match path.strip_prefix(root) {
        Ok(rel) => rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
        Err(_) => path.to_string_lossy().replace('\\', "/"),
    }
}

/// The real path of an existing file or folder (symlinks resolved); the path itself when
/// it cannot be resolved.
pub fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// An absolute form of `path` (absolute, or relative to `root`) that compares under the
/// (real) root: when it does not as given, its folder's real path is tried, so a path
/// through a symlinked folder still names the file — even one that was just deleted.
pub fn under_root(root: &Path, path: &Path) -> PathBuf {
    let joined = normalize(&root.join(path));
    if joined.starts_with(root) {
        return joined;
    }
    match (joined.parent(), joined.file_name()) {
        (Some(parent), Some(name)) => canonical(parent).join(name),
        _ => joined,
    }
}
