//! Fingerprints and compresses the files of `static/` once, at build time: the
//! server answers them from memory, brotli and gzip included, with no work
//! per request, and their URLs change whenever their content does.
//!
//! Writes into `OUT_DIR` each file's `.br` and `.gz` (only when smaller than
//! the file) and `assets.rs`, which `src/web/assets.rs` includes: one
//! constant per file, named after it (`app.css` → `APP_CSS`), and `ALL`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

use sha2::{Digest, Sha256};

/// Hex digits of the SHA-256 kept in a URL and its ETag: 48 bits, ample for
/// telling apart the versions of a handful of files.
const HASH_DIGITS: usize = 12;

/// Built once, served many times: the slowest, densest settings pay off.
const BROTLI_QUALITY: u32 = 11;
const BROTLI_WINDOW: u32 = 22;

fn main() {
    println!("cargo:rerun-if-changed=static");
    // `sqlx::migrate!` embeds the migrations at build time, but cargo does not
    // know it reads them: without this, a new migration is left out of an
    // incremental build (sqlx's documented remedy).
    println!("cargo:rerun-if-changed=migrations");
    let root = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets it"));
    // Served flat, by file name: two files of one name would share a URL.
    let mut files = BTreeMap::new();
    for path in files_under(&root.join("static")) {
        let name = file_name(&path);
        if let Some(other) = files.insert(name.clone(), path.clone()) {
            panic!(
                "static/ holds {name} twice: {} and {}",
                other.display(),
                path.display()
            );
        }
    }
    let mut code = String::new();
    for (name, path) in &files {
        code.push_str(&constant(name, path, &root, &out));
    }
    let names: Vec<String> = files.keys().map(|name| constant_name(name)).collect();
    writeln!(
        code,
        "/// Every file of `static/`.\npub const ALL: [&Asset; {}] = [{}];",
        names.len(),
        names
            .iter()
            .map(|name| format!("&{name}"))
            .collect::<Vec<_>>()
            .join(", ")
    )
    .expect("writing to a String");
    fs::write(out.join("assets.rs"), code).expect("OUT_DIR is writable");
}

/// The files under `dir` and its folders.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).unwrap_or_else(|error| panic!("{}: {error}", dir.display())) {
        let path = entry.expect("a readable folder entry").path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else {
            files.push(path);
        }
    }
    files
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .and_then(|name| name.to_str())
        .unwrap_or_else(|| panic!("{} is not named in UTF-8", path.display()))
        .to_owned()
}

/// The Rust constant describing the file `name` at `path` (under `root`),
/// its compressed versions written into `out` beside the generated code.
fn constant(name: &str, path: &Path, root: &Path, out: &Path) -> String {
    let bytes = fs::read(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    let hash: String = Sha256::digest(&bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect::<String>()[..HASH_DIGITS]
        .to_owned();
    let url = match name.rsplit_once('.') {
        Some((stem, extension)) => format!("/static/{stem}.{hash}.{extension}"),
        None => format!("/static/{name}.{hash}"),
    };
    let brotli = smaller(&bytes, brotli(&bytes), &out.join(format!("{name}.br")));
    let gzip = smaller(&bytes, gzip(&bytes), &out.join(format!("{name}.gz")));
    format!(
        "/// `{relative}`.\npub const {constant}: Asset = Asset {{\n    name: {name:?},\n    \
         url: {url:?},\n    hash: {hash:?},\n    identity: include_bytes!({path:?}),\n    \
         brotli: {brotli},\n    gzip: {gzip},\n}};\n",
        relative = path.strip_prefix(root).unwrap_or(path).display(),
        constant = constant_name(name),
        path = path.display().to_string(),
    )
}

/// `app.css` → `APP_CSS`.
fn constant_name(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect()
}

/// Writes `compressed` to `path` and answers the expression that includes
/// it, or `None` when compressing does not pay (an SVG of a few bytes).
fn smaller(original: &[u8], compressed: Vec<u8>, path: &Path) -> String {
    if compressed.len() >= original.len() {
        return "None".to_owned();
    }
    fs::write(path, &compressed).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    format!("Some(include_bytes!({:?}))", path.display().to_string())
}

fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut compressed = Vec::new();
    {
        let mut writer =
            brotli::CompressorWriter::new(&mut compressed, 4096, BROTLI_QUALITY, BROTLI_WINDOW);
        writer.write_all(bytes).expect("compressing in memory");
    }
    compressed
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).expect("compressing in memory");
    encoder.finish().expect("compressing in memory")
}
