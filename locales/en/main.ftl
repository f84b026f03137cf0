# flagwatch's messages in English: the fallback for every other language.
# Add a message here first, then to fr, ar and hi (a test checks every catalogue).

report-reviewed-recorded = {$reviewed} Your report was recorded.
report-new-case = Thank you — new case #{$case} opened for {$key}. Moderators will review it.
report-added = Thank you — added to case #{$case} ({$reporters} reporters).
report-already-filed = This report is already filed in case #{$case}.
reviewed-do-not-report = Moderators reviewed this account: please do not report it on the platform.

cta-heading = **Report now: case #{$case}** ({$platform})
cta-reason = Reason: {$reasons}
cta-suspended = **Suspended** — thank you, no further reports are needed. Press *Still up* if you see it back.
cta-reported-so-far = {$count} volunteer(s) reported it so far.
cta-button-reported = I reported it
cta-button-suspended = Looks suspended
cta-button-still-up = Still up

steps-x = On the profile, tap ⋯ → Report → pick the closest category (for extremism: "Violent & hateful entities") and follow the prompts.
steps-telegram = Open the channel or account → ⋮ → Report → pick the closest reason (e.g. Violence). You can also email the link to abuse@telegram.org.
steps-facebook = On the profile, click ⋯ → Find support or report → pick "Terrorism" (or the closest reason) and follow the prompts.
steps-instagram = On the profile, tap ⋯ → Report → Report account → pick the closest reason (e.g. violence or dangerous organisations).
steps-youtube = On the channel page, open About (or ⋯) → Report user → pick the closest reason (e.g. "Promotes terrorism").
steps-tiktok = On the profile, tap ⋯ (or Share) → Report → Report account → pick the closest reason (e.g. violent extremism).
steps-reddit = On the user's profile, open ⋯ → Report → pick the closest rule (e.g. threatening violence).
steps-web = Find the site's host or registrar (a WHOIS lookup shows it) and send the link to its abuse contact, saying which law or policy it breaks.

language-chosen = From now on flagwatch answers you in English on this server.
language-reset = Your language choice is gone: flagwatch answers you in your Discord language, or the server's.

# render.rs: the review card (server's language)
card-opened-by-muted = {$reporters} — opened by a muted reporter
card-opened-by-muted-until = {$reporters} — opened by a reporter muted until {$until}
card-track-record-value = {$cases} other case(s): {$report_now} report now ({$suspended} confirmed suspended), {$held} held, {$dismissed} dismissed
card-overdue = **Overdue** — the window ended with no vote; a vote still decides.
card-voting-closes = Voting open — closes {$closes}
card-voting-open = Voting open
card-closed-withdrawn = **Closed** — every report was withdrawn before a decision.
card-decided = **Decided: {$decision}**
card-held-referral = Held until {$until} (referral recorded)
card-held-no-referral = Held until {$until} (no referral recorded yet)
round-hold-review = Hold review: the hold ended {$ended}. Vote again on how to handle this account.
round-new-reporter = Re-opened: a member who had not reported it before reported this dismissed account.
round-reopened = Re-opened: {$reason}

# notices.rs: hold notice, status board, digest, queue summary (server's language)
hold-notice-heading = **Held — please do not report: case #{$case}**
hold-notice-body = This account is being handled with the relevant agencies. Reporting it could warn the people behind it.
counts-none = none yet
decision-reviewed-no-public-action = Reviewed, no public action
board-title = flagwatch status board
board-report-now = **Report now** (longest waiting first)
board-nothing = Nothing to report right now.
board-more = …and {$count} more
board-cases = Cases
board-accounts = Accounts (decided cases)
board-last-day = Last 24 hours
board-new-cases = {$count} new case(s)
board-decisions = {$count} decision(s)
board-suspensions = {$count} suspension(s) confirmed
board-updated = Updated
digest-heading = **Daily digest** — the last 24 hours
digest-new-reports = • {$count} new report(s)
digest-decisions = • Decisions: {$decisions}
digest-suspensions = • {$count} suspension(s) confirmed
queue-summary-empty = **Review queue**: empty. New cases get their cards right away.
queue-summary-waiting = **Review queue**: {$count} case(s) wait for review. Use `/queue post` to bring up the oldest (up to 5 at a time).

# answers.rs, posted by the outbox in the review channel (server's language)
delivery-refused = **flagwatch could not deliver {$count} message(s) to the {$place}** in the last hour: {$why} (HTTP {$status}, Discord error {$code}). They are not retried; fix the cause and the next changes will be posted.
delivery-missing-permissions = the bot is missing permissions there (view, send, embed links, pin, manage messages)
delivery-unknown-channel = the channel no longer exists: set it again with `/setup set`
delivery-rejected-content = Discord rejected the message's content
delivery-refused-other = Discord refused it
moderator-digest-heading = **Moderators' digest**
moderator-digest-holds = • {$count} hold(s) come up for review in the next 7 days
moderator-digest-chain-head = • Audit chain head: {$head} — keep a copy; `flagwatch audit verify --guild <id> --expect <head>` shows whether the log still holds it
moderator-digest-no-events = no events yet
overdue-ping = Case #{$case}'s voting window ended with no votes. Please review it.

# labels.rs: names of domain values, case and policy refusals
decision-pending = Pending
decision-report-now = Report now
decision-hand-off = Handed to agencies
decision-dismissed = Dismissed
decision-withdrawn = Closed: every report withdrawn
account-unknown = unknown
account-active = active
account-suspended = suspended
account-gone = gone
refusal-not-pending = this case is no longer open for votes (it is {$decision}): ask an admin to re-open it
refusal-not-held = this case is not held (it is {$decision}): only cases handed to agencies can be released or extended
refusal-hold-not-expired = the hold on this case runs until {$until}; it has not expired
refusal-not-dismissed = this case was not dismissed, so new reports do not re-open it
refusal-not-withdrawn = this case was not closed as withdrawn
refusal-already-pending = this case is already pending a vote
refusal-already-overdue = this case is already marked overdue
refusal-already-decided = this case is already decided as {$decision}
refusal-quorum = quorum must be between 1 and 25 votes (got {$got})
refusal-window = the voting window must be between 10 minutes and 30 days (got {$got} minutes)
refusal-hold-days = holds must last between 1 and 365 days (got {$got})
refusal-batch-size = a batch holds 1 to {$max} accounts (got {$got})
refusal-pace = next_per_hour must be between 1 and {$max} (got {$got})
permission-view = View Channel
permission-send = Send Messages
permission-embed = Embed Links
permission-pin = Pin Messages (Manage Messages)
permission-manage-messages = Manage Messages
channel-review = review channel
channel-coordination = coordination channel
platform-web = Website

# answers.rs: refusals and errors (the member's language)
denied-not-a-slash-command = flagwatch only answers slash commands.
denied-outside-server = flagwatch commands work inside a server.
denied-button-outside-server = This button works inside a server.
denied-vote-outside-server = Votes happen inside a server.
denied-reporter-role-only = Only members with the reporter role can do this on this server.
denied-moderators-only = This is for moderators only.
denied-liaisons-only = This is for agency liaisons only (the liaison role set in /setup).
denied-admins-only = This is for server admins only (Manage Server permission).
denied-not-a-moderator-vote = Only moderators can vote on cases. Your press was not recorded.
denied-setup-admins-only = Only server admins (Manage Server permission) can change flagwatch's setup.
denied-setup-viewers-only = Only server admins and moderators can see flagwatch's setup.
denied-no-permission = You do not have permission to use this command.
denied-stale-button = This button is no longer in use.
not-set-up = flagwatch is not set up on this server yet. A server admin needs to run `/setup set` with: {$missing}.
internal-error = Something went wrong on our side and nothing was changed. Please try again in a minute.
unreadable-option = I could not read the option {$option}: {$error}. Please check it and try again.
options-out-of-date = I could not read this command's options; the command list may be out of date. Please try again in a minute.
direct-message = flagwatch commands work inside a server, not in direct messages.
no-such-case = There is no case #{$case} on this server.
case-changed-meanwhile = The case changed while this was being applied. Please look at it again and retry.
nothing-changed = Nothing was changed.
setting-out-of-range = {$name} must be between {$min} and {$max} (got {$value}). Nothing was changed.
missing-text = Please write a {$option}.
missing-field = Please give the {$option}.
nothing-filed = Nothing was filed.
intake-too-new = New members can report {$hours} hours after joining this server. You can report from {$at} ({$when}).
intake-report-limit = You have filed {$limit} reports in the last {$minutes} minutes, the limit on this server. You can report again {$when}.
intake-press-limit = You have used these buttons {$limit} times in the last {$minutes} minutes, the limit on this server. Your press was not recorded; you can press again {$when}.

# answers.rs: /status
no-case-for = There is no case for {$key} yet. If it spreads extremist content, use /report.
account-or-case = Give either `account` (a link or @handle) or `case` (a case number), not both.
no-public-action = There is no public action for case #{$case}.
status-head = Case #{$case} — {$key}
status-pending = The moderators are reviewing it. Please wait for their decision before reporting it on the platform.
status-report-now = The community decided to **report it now**: follow the call to action in the coordination channel.
status-withdrawn = Closed: every report on it was withdrawn before a decision.
status-account-seen = Account last seen: {$status}.
status-held-until = Held until {$until}
status-see-case-show = Use `/case show` for reports, votes and history.
decision-line = Decision: **{$decision}** (round {$round}) · Account: {$status}

# answers.rs: buttons
press-call-withdrawn = The call to action for case #{$case} was withdrawn: please take no action on it.
press-reported-it = Thank you — counted once for you. {$count} volunteer(s) reported case #{$case} so far.
press-still-up = Thanks — case #{$case} is marked as still up.
press-confirmed-suspended = Thanks — case #{$case} is confirmed suspended.
press-suspension-needs-confirmation = Thanks — noted. Case #{$case} shows as suspended once another member (or a moderator) confirms it.
vote-refused = Case #{$case}: {$why}. Your vote was not recorded.
vote-decided = Your vote ({$vote}) decided case #{$case}: {$decision}.
vote-recorded = Your vote on case #{$case} is recorded: {$vote}. You can change it until the round closes.

# answers.rs: moderators and liaisons
note-added = Note added to case #{$case}.
case-reopened = Case #{$case} is open for a new vote (round {$round}).
case-overridden = Case #{$case} is now decided: {$decision}.
referral-recorded = Referral recorded on case #{$case}.
hold-extended = Case #{$case} is now held until {$until}.
hold-released = Case #{$case} is released: its call to action is being posted.
queue-empty = The review queue is empty.
queue-posted = Posting {$count} card(s): {$numbers}. {$left} case(s) still wait in the queue.
exported = {$count} case(s) exported.
exported-pulls = Last pulls of the TAXII feed:
exported-pull-objects = {$count} object(s)
forgotten = Done: your identity was removed from {$count} report(s) on this server. They still count, but nobody can see they were yours.

# answers.rs: /import
import-too-large = That file is larger than 25 MiB: split the list and import the parts.
import-unreadable = I could not read the file ({$why}). Please attach it again.
download-not-a-link = not a valid link
download-not-discord = not on Discord's attachment host
download-failed = download failed: {$detail}
download-too-large = larger than the {$mib} MiB cap
importing = Importing {$file}…
importing-lines = Importing {$file}… {$lines} lines so far.
imported = imported {$lines} lines: {$new} new cases, {$merged} merged, {$rejected} rejected. New cases wait in the review queue (`/queue post`).
imported-rejected-line = line {$line}: {$why}
imported-more-rejected = …and {$count} more rejected lines.

# answers.rs: /setup
setup-saved = Setup saved.
setting-not-set = not set
setting-everyone-reports = everyone may report
setting-on = on
setting-off = off
settings-review-channel = Review channel: {$value}
settings-coordination-channel = Coordination channel: {$value}
settings-moderator-role = Moderator role: {$value}
settings-liaison-role = Liaison role: {$value}
settings-reporter-role = Reporter role: {$value}
settings-policy = Quorum: {$quorum} votes · Window: {$window} minutes · Holds: {$holds} days · Default platform: {$platform}
settings-intake = Public hold notices: {$notices} · Digest: {$digest} · Report limit: {$limit} per {$minutes} minutes · Minimum membership: {$hours} hours
settings-next = /next: at most {$pace} accounts per member per hour · Language: {$language}
settings-public-page = Public page: {$value}
settings-public-page-on = on, at /{$slug}/ on the bot's web address
settings-still-needed = Still needed before members can report: {$missing}.
channels-all-well = The bot can view, send, embed, pin and manage messages in the configured channels.
channel-unreadable = The bot cannot see the {$what} {$channel}: give its role View Channel there, or choose another channel.
channel-review-public = The review channel {$channel} is visible to @everyone: pending accounts and vote tallies would be public. Deny View Channel to @everyone there and allow it to the moderator role.
channel-missing-permissions = In the {$what} {$channel} the bot lacks {$permissions}: allow them for its role in the channel's permissions.
channels-check-failed = Could not check the bot's permissions in the configured channels just now; run /setup show again later.

# answers.rs: /case show
details-reports = **Reports ({$count})**
details-anonymous = anonymous reporter
details-imported = import
details-evidence = {$count} evidence
details-votes = **Votes this round**
details-notes = **Notes**
details-history = **History (newest first)**
details-not-recorded = not recorded
details-held = Held until {$until} · Agency: {$agency} · Reference: {$reference}
also-known-as = Also known as: {$keys}

# campaign.rs: /next, /myreports, /withdraw, /case alias add, /reporter
next-nothing = Nothing for you to report right now: you have reported every open call to action, or the rest are being worked on by others. Try again later.
next-title = Your next accounts to report
next-description = Report each on its platform, then press its button here. Take your time: platforms suspend accounts that report in bursts.
next-field = Case #{$case} — {$platform}
next-button = I reported #{$case}
next-paced = You have been handed {$pace} accounts in the last hour, this server's pace: platforms suspend accounts that report in bursts. You can ask for more {$when}.
mine-none = You have not filed any reports on this server.
mine-heading = **Your reports** (newest first)
mine-line = • #{$case} {$key} — {$state} · filed {$filed}
mine-withdraw-button = Withdraw #{$case}
mine-state-withdrawn = you withdrew your report
mine-state-reviewed = reviewed: please do not report it
mine-state-withdrawable = awaiting review (you can withdraw it)
mine-state-suspended = reported; account confirmed suspended
mine-state-report-now = report now: see the call to action
mine-state-closed = closed: every report was withdrawn
mine-state-awaiting = awaiting review
withdrawn-closed = Your report on case #{$case} is withdrawn. It was the case's last report, so the case is closed.
withdrawn = Your report on case #{$case} is withdrawn; the case's counts no longer include it.
withdraw-reviewed = Case #{$case} was already reviewed, so your report stays. Reports can be withdrawn only while the case awaits review.
withdraw-already = You already withdrew your report on case #{$case}.
withdraw-no-report = You have no report on case #{$case} to withdraw. `/myreports` lists yours.
alias-added = Case #{$case} is now also known as {$alias}: reports and `/status` of that form land on it.
alias-other-platform = Case #{$case} is on {$case_platform} and that link is on {$alias_platform}; an alias must be the same account on the same platform.
alias-already = Case #{$case} already has that key; nothing to add.
alias-taken = That account already belongs to case #{$owner}, so it cannot also be an alias of case #{$case}. If both cases are the same account, merge them with `/case merge`.
reporter-none = {$member} has no reports on this server (withdrawn reports are not counted).
reporter-heading = **Reporter {$member}**
reporter-reports = {$reports} report(s) on {$cases} case(s)
reporter-outcomes = Outcomes: {$report_now} report now ({$suspended} confirmed suspended) · {$held} held · {$dismissed} dismissed
reporter-dates = First report: {$first} · Last report: {$last}
reporter-muted = {$member} is muted until unmuted: their reports are still accepted and kept, but open no case and count toward nothing. They are not told.
reporter-muted-until = {$member} is muted until {$until}: their reports are still accepted and kept, but open no case and count toward nothing. They are not told.
reporter-unmuted = {$member} is no longer muted: their reports from now on count. Reports filed during the mute stay uncounted.
reporter-not-muted = {$member} is not muted; nothing changed.

# rejections.rs: why an account key or an import line was refused
key-any-forms = paste a profile link (such as https://x.com/<handle>) or an @handle
key-empty = no account given: {$forms}
key-too-long = this is longer than 2,048 characters, too long to be an account: {$forms}
key-control = this contains control characters (such as a line break or tab): {$forms}, one at a time
key-scheme = “{$scheme}:” links are not accepted, only http:// and https:// ones: {$forms}
key-invalid-link = this is not a valid link: {$forms}
key-userinfo = links with a name before the host (name@host) are not accepted, as they can hide where they lead: {$forms}
key-unknown-platform = “{$given}” is not a platform this bot knows: use one of {$platforms}
key-web-needs-link = a bare name cannot be a website account: paste {$forms}, or choose the platform the name is on
key-missing-account = this {$platform} link does not name an account: paste the profile link ({$forms})
key-not-an-account = {$page} {$why}: paste the profile link instead ({$forms})
key-invalid-name = “{$given}” is not a valid {$rule}: paste {$forms}
key-invalid-stored = “{$key}” is not a valid stored account key (expected <platform>:<id>, such as x:jack)
forms-x = x.com/<handle> or @handle
forms-telegram = t.me/<username>, t.me/+<invite code> or @username
forms-facebook = facebook.com/<username> or facebook.com/profile.php?id=<number>
forms-instagram = instagram.com/<username> or @username
forms-youtube = youtube.com/@<handle>, youtube.com/channel/UC…, youtube.com/c/<name> or youtube.com/user/<name>
forms-tiktok = tiktok.com/@<username> or @username
forms-reddit = reddit.com/user/<username> or u/<username>
forms-web = a full link such as https://example.com/page
not-account-page = is not an account page
not-account-post = is a post link and does not name the account
not-account-video = is a video link and does not name the channel
not-account-short-link = is a short link that the bot cannot open (open it in a browser to see the account)
not-account-community = is a community (subreddit), not an account
name-x-handle = X handle (1–15 letters, digits or _)
name-telegram-username = Telegram username (5–32 letters, digits or _, starting with a letter)
name-telegram-invite = Telegram invite code (up to 64 letters, digits, _ or -)
name-facebook-username = Facebook username (at least 5 letters or digits; periods do not count)
name-facebook-number = Facebook profile number (1–20 digits)
name-instagram-username = Instagram username (1–30 letters, digits, . or _)
name-youtube-handle = YouTube handle (3–30 letters, digits, _, - or .)
name-youtube-channel = YouTube channel ID (UC followed by 22 letters, digits, _ or -)
name-youtube-custom-name = YouTube channel name (1–100 letters, digits, _, - or .)
name-youtube-user-name = YouTube user name (1–100 letters, digits, _, - or .)
name-tiktok-username = TikTok username (2–24 letters, digits, . or _)
name-reddit-username = Reddit username (3–20 letters, digits, _ or -)
import-no-account = the account column is empty
import-unknown-reason = "{$value}" is not a reason: use one of {$accepted}

reason-propaganda = Propaganda
reason-recruitment = Recruitment
reason-incitement = Incitement to violence
reason-financing = Financing
reason-threat = Threat
reason-other = Other

vote-report-now = Report now
vote-hand-off = Hand to agencies
vote-dismiss = Dismiss

card-title = Case #{$case} — {$key}
card-reporters-recent = {$reporters} ({$recent} joined in the last week)
card-platform = Platform
card-reasons = Reasons
card-reporters = Reporters
card-track-record = Reporters' track record
card-evidence = Evidence
card-opened = Opened
card-latest-details = Latest details
card-votes = Votes (round {$round})

# /case merge (issue 11)
case-merged-into = **Merged into case #{$case}** — its reports, notes and keys are there now.
merge-done = Case #{$from} is merged into case #{$into}: its reports, evidence, notes and keys are on case #{$into} now, and later reports of the account land there.
merge-refused-same = A case cannot be merged into itself: give two different case numbers (`from` is the case that goes, `into` the one that stays).
merge-refused-platform = Case #{$from} is on {$from_platform} and case #{$into} on {$into_platform}: only cases of one account, on one platform, can be merged.
merge-refused-merged = Case #{$case} was already merged into another case. Use the case it was merged into (`/case show {$case}` names it).

## Re-checks in /next, import ids and /queue dismiss-all (issue 11)
next-recheck-title = Case #{$case} — {$platform}: still suspended?
next-recheck-body = Confirmed suspended {$since}. Platforms reverse suspensions: open the link and say what you see.
next-recheck-still = #{$case} still suspended
next-recheck-back = #{$case} is back
recheck-still = Thanks: case #{$case} stays marked suspended. Volunteers will be asked again after {$days} days.
recheck-back = Thanks: case #{$case} is active again, and its call to action is back up.
recheck-back-noted = Thanks, your answer on case #{$case} is noted. Its call to action returns once another volunteer or a moderator sees the account back.
recheck-not-suspended = Case #{$case} is no longer marked suspended: its call to action is up.
setup-recheck-days = Re-checks: a suspension comes back in /next after {$days} days
recheck-days-refused = recheck_days must be between {$min} and {$max} days (got {$value})
import-named = Import #{$import} — to dismiss what it leaves waiting: `/queue dismiss-all source:{$import}`.
queue-from-import = #{$case} from import #{$import}
dismiss-all-done = Import #{$import}: cases dismissed: {$count}. Their open votes are closed and their cards updated.
dismiss-all-skipped = Left for review because members also reported them with /report: {$skipped}.
dismiss-all-nothing = Import #{$import} has no case waiting for a decision: nothing was dismissed.
dismiss-all-unknown = This server has no import #{$import}. The summary of each import names its number.

## Merged cases, the weekly digest's day
decision-merged = Merged into another case
refusal-merged = this case was merged into another one; act on that case instead
settings-weekly-chart = On {$day}s the digest carries the chart of the last 30 days.
weekday-monday = Monday
weekday-tuesday = Tuesday
weekday-wednesday = Wednesday
weekday-thursday = Thursday
weekday-friday = Friday
weekday-saturday = Saturday
weekday-sunday = Sunday
