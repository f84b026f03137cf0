//! Just enough `multipart/form-data` parsing for Discord's upload form: a `payload_json`
//! field and `files[n]` parts (RFC 7578), as serenity and reqwest send them.

use serde_json::Value;

/// A file part of the form.
#[derive(Debug, Clone)]
pub(crate) struct Upload {
    /// `n` of the `files[n]` field name, which the payload's `attachments[].id` refers to.
    pub index: String,
    pub filename: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// A request body: JSON, or the upload form's `payload_json` and files.
#[derive(Debug, Clone, Default)]
pub(crate) struct Body {
    pub json: Option<Value>,
    pub uploads: Vec<Upload>,
}

/// Decode a request body by its content type; `Err` names what is malformed.
pub(crate) fn parse(content_type: Option<&str>, bytes: &[u8]) -> Result<Body, String> {
    let content_type = content_type.unwrap_or_default();
    if let Some(boundary) = boundary(content_type) {
        return parse_form(&boundary, bytes);
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Body::default());
    }
    let json = serde_json::from_slice(bytes).map_err(|e| format!("body is not JSON: {e}"))?;
    Ok(Body {
        json: Some(json),
        uploads: Vec::new(),
    })
}

fn boundary(content_type: &str) -> Option<String> {
    if !content_type.to_ascii_lowercase().starts_with("multipart/form-data") {
        return None;
    }
    content_type.split(';').find_map(|param| {
        let (key, value) = param.trim().split_once('=')?;
        key.eq_ignore_ascii_case("boundary")
            .then(|| value.trim_matches('"').to_owned())
    })
}

fn parse_form(boundary: &str, bytes: &[u8]) -> Result<Body, String> {
    let delimiter = format!("--{boundary}");
    let mut body = Body::default();
    for part in split(bytes, delimiter.as_bytes()).skip(1) {
        if part.starts_with(b"--") {
            break;
        }
        add_part(&mut body, part)?;
    }
    Ok(body)
}

/// The pieces of `bytes` between occurrences of `delimiter` (the first is the preamble).
fn split<'a>(bytes: &'a [u8], delimiter: &'a [u8]) -> impl Iterator<Item = &'a [u8]> + 'a {
    let mut rest = Some(bytes);
    std::iter::from_fn(move || {
        let current = rest?;
        match find(current, delimiter) {
            Some(at) => {
                rest = Some(&current[at + delimiter.len()..]);
                Some(&current[..at])
            }
            None => {
                rest = None;
                Some(current)
            }
        }
    })
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn add_part(body: &mut Body, part: &[u8]) -> Result<(), String> {
    let part = part.strip_prefix(b"\r\n").unwrap_or(part);
    let part = part.strip_suffix(b"\r\n").unwrap_or(part);
    let end = find(part, b"\r\n\r\n").ok_or("a form part has no header end")?;
    let headers = String::from_utf8_lossy(&part[..end]);
    let data = &part[end + 4..];
    let name = header_param(&headers, "name").ok_or("a form part has no name")?;
    if name == "payload_json" {
        body.json = Some(serde_json::from_slice(data).map_err(|e| format!("payload_json is not JSON: {e}"))?);
    } else if let Some(index) = name.strip_prefix("files[").and_then(|n| n.strip_suffix(']')) {
        body.uploads.push(Upload {
            index: index.to_owned(),
            filename: header_param(&headers, "filename").unwrap_or_else(|| format!("file{index}")),
            content_type: content_type(&headers),
            bytes: data.to_vec(),
        });
    }
    Ok(())
}

/// A `key="value"` parameter of the part's Content-Disposition header.
fn header_param(headers: &str, key: &str) -> Option<String> {
    let disposition = headers
        .lines()
        .find(|l| l.to_ascii_lowercase().starts_with("content-disposition:"))?;
    disposition.split(';').find_map(|param| {
        let (k, v) = param.trim().split_once('=')?;
        (k == key).then(|| v.trim_matches('"').to_owned())
    })
}

fn content_type(headers: &str) -> String {
    headers
        .lines()
        .find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case("content-type").then(|| v.trim().to_owned())
        })
        .unwrap_or_else(|| "application/octet-stream".to_owned())
}
