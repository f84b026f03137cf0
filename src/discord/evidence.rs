//! Evidence kept at intake: Discord's attachment links are signed and expire, so the bytes
//! are downloaded while the report is filed, size-capped, and addressed by SHA-256. Only
//! Discord's attachment hosts are fetched from, and no redirect leads anywhere else: an
//! attachment link is never a way to make the bot call an address of someone's choosing.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use poise::serenity_prelude as serenity;
use url::Url;

use crate::store::NewEvidence;

/// Discord's attachment hosts.
const DISCORD_HOSTS: [&str; 2] = ["cdn.discordapp.com", "media.discordapp.net"];
/// Redirects followed at most (each to an allowed host).
const MAX_REDIRECTS: usize = 3;

/// Where attachments may be downloaded from: Discord's hosts over HTTPS and, when REST
/// goes through `FLAGWATCH_API_BASE` (a proxy, or the simulator that serves attachments
/// itself), that origin.
#[derive(Debug, Clone)]
pub struct AttachmentHosts {
    api_origin: Option<url::Origin>,
}

impl AttachmentHosts {
    pub fn new(api_base: Option<&str>) -> AttachmentHosts {
        AttachmentHosts {
            api_origin: api_base.and_then(|b| Url::parse(b).ok()).map(|u| u.origin()),
        }
    }

    pub fn allows(&self, url: &Url) -> bool {
        let discord = url.scheme() == "https" && url.host_str().is_some_and(|h| DISCORD_HOSTS.contains(&h));
        discord || self.api_origin.as_ref() == Some(&url.origin())
    }
}

/// An HTTP client that only fetches from [`AttachmentHosts`].
#[derive(Debug, Clone)]
pub struct Downloader {
    client: reqwest::Client,
    hosts: Arc<AttachmentHosts>,
}

impl Downloader {
    pub fn new(hosts: AttachmentHosts) -> anyhow::Result<Downloader> {
        let hosts = Arc::new(hosts);
        let allowed = hosts.clone();
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::custom(move |attempt| {
                if attempt.previous().len() < MAX_REDIRECTS && allowed.allows(attempt.url()) {
                    attempt.follow()
                } else {
                    attempt.stop()
                }
            }))
            .build()
            .context("cannot build the HTTP client")?;
        Ok(Downloader { client, hosts })
    }
}

/// Attachments larger than this are recorded but not downloaded.
pub const MAX_BYTES: u64 = 8 * 1024 * 1024;

/// Why a download was refused or failed; worded by `render::answers::download_failure`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DownloadError {
    NotALink,
    NotDiscord,
    /// The request failed: the HTTP client's own (English) words.
    Failed(String),
    Status(u16),
    /// Larger than this many MiB.
    TooLarge(u64),
}

/// Download `attachment`, or record why it could not be kept, in the words of `note`.
pub async fn keep(
    downloader: &Downloader,
    attachment: &serenity::Attachment,
    note: impl Fn(&DownloadError) -> String,
) -> NewEvidence {
    let not_stored = |why: DownloadError| NewEvidence::NotStored {
        url: attachment.url.clone(),
        filename: attachment.filename.clone(),
        content_type: attachment.content_type.clone(),
        size: Some(u64::from(attachment.size)),
        note: note(&why),
    };
    if u64::from(attachment.size) > MAX_BYTES {
        return not_stored(DownloadError::TooLarge(MAX_BYTES / (1024 * 1024)));
    }
    match download(downloader, &attachment.url, MAX_BYTES).await {
        Ok(bytes) => NewEvidence::Stored {
            url: attachment.url.clone(),
            filename: attachment.filename.clone(),
            content_type: attachment.content_type.clone(),
            bytes,
        },
        Err(why) => not_stored(why),
    }
}

/// Download at most `cap` bytes from `url`; the error says why.
pub async fn download(downloader: &Downloader, url: &str, cap: u64) -> Result<Vec<u8>, DownloadError> {
    let url = Url::parse(url).map_err(|_| DownloadError::NotALink)?;
    if !downloader.hosts.allows(&url) {
        return Err(DownloadError::NotDiscord);
    }
    let mut response = downloader
        .client
        .get(url)
        .timeout(Duration::from_secs(10))
        .send()
        .await
        .map_err(|e| DownloadError::Failed(e.to_string()))?;
    if !response.status().is_success() {
        // Includes a redirect to another host, which is not followed.
        return Err(DownloadError::Status(response.status().as_u16()));
    }
    let mut bytes = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| DownloadError::Failed(e.to_string()))?
    {
        bytes.extend_from_slice(&chunk);
        if bytes.len() as u64 > cap {
            return Err(DownloadError::TooLarge(cap / (1024 * 1024)));
        }
    }
    Ok(bytes)
}
