//! Evidence kept at intake: Discord's attachment links are signed and expire, so the bytes
//! are downloaded while the report is filed, size-capped, and addressed by SHA-256.

use std::time::Duration;

use poise::serenity_prelude as serenity;

use crate::store::NewEvidence;

/// Attachments larger than this are recorded but not downloaded.
pub const MAX_BYTES: u64 = 8 * 1024 * 1024;

/// Download `attachment`, or record why it could not be kept.
pub async fn keep(client: &reqwest::Client, attachment: &serenity::Attachment) -> NewEvidence {
    let not_stored = |note: String| NewEvidence::NotStored {
        url: attachment.url.clone(),
        filename: attachment.filename.clone(),
        content_type: attachment.content_type.clone(),
        size: Some(u64::from(attachment.size)),
        note,
    };
    if u64::from(attachment.size) > MAX_BYTES {
        return not_stored(format!("larger than the {} MiB cap", MAX_BYTES / (1024 * 1024)));
    }
    match download(client, &attachment.url, MAX_BYTES).await {
        Ok(bytes) => NewEvidence::Stored {
            url: attachment.url.clone(),
            filename: attachment.filename.clone(),
            content_type: attachment.content_type.clone(),
            bytes,
        },
        Err(why) => not_stored(why),
    }
}

/// Download at most `cap` bytes from `url`; the error says why, for a person.
pub async fn download(client: &reqwest::Client, url: &str, cap: u64) -> Result<Vec<u8>, String> {
    let mut response = client
        .get(url)
        .timeout(Duration::from_secs(10))
        .send()
        .await
        .and_then(reqwest::Response::error_for_status)
        .map_err(|e| format!("download failed: {e}"))?;
    let mut bytes = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(|e| format!("download failed: {e}"))? {
        bytes.extend_from_slice(&chunk);
        if bytes.len() as u64 > cap {
            return Err(format!("larger than the {} MiB cap", cap / (1024 * 1024)));
        }
    }
    Ok(bytes)
}
