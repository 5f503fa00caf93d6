//! The file names the JS layer must agree with the core on, exposed so a JS test can
//! check that `lib/project-files.cjs` (the JS owner) holds the same list.

use fizz_core::{CONFIG_FILE_NAMES, SOURCE_EXTENSIONS};
use napi_derive::napi;

/// Config file names looked up in a folder when no config path is given, in order.
// napi-derive registers exports only outside `cfg(test)`, so unit-test builds see it unused.
#[cfg_attr(test, allow(dead_code))]
#[napi]
pub fn config_file_names() -> Vec<String> {
    CONFIG_FILE_NAMES
        .iter()
        .map(|name| name.to_string())
        .collect()
}

/// Extensions (without the dot) of the source files the builder parses.
// napi-derive registers exports only outside `cfg(test)`, so unit-test builds see it unused.
#[cfg_attr(test, allow(dead_code))]
#[napi]
pub fn source_extensions() -> Vec<String> {
    SOURCE_EXTENSIONS
        .iter()
        .map(|ext| ext.to_string())
        .collect()
}
