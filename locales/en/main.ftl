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
