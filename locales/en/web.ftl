# The public status page, its feed and its charts (src/web, src/charts.rs), in English.

page-title = Accounts to report
page-totals = {$up} still up · {$suspended} confirmed suspended
page-empty = No account needs reporting right now. Thank you.
page-col-case = Case
page-col-link = Link
page-col-platform = Platform
page-col-reason = Reason
page-col-reported-by = Reported by
page-col-waiting = Waiting
page-of = Page {$page} of {$pages}
page-previous = Previous
page-next = Next
page-how-to-report = How to report
page-last-days = The last 30 days
page-median = Median time from report to decision: {$time}
page-col-day = Day
page-col-new = New
page-col-decided = Decided
page-col-still-up = Still up
page-col-suspended = Suspended
page-confirmed-suspended = Confirmed suspended
page-all-accounts = All accounts
page-aliases = Also known as:
page-feed = Follow by feed reader (Atom)
page-case-title = Case #{$case}
page-case-suspended = Confirmed suspended: no further reports are needed.
page-case-reported = Reported by {$volunteers ->
    [one] one volunteer
   *[other] {$volunteers} volunteers
} · waiting {$time}
page-hours = {$hours} h
page-days = {$days ->
    [one] one day
   *[other] {$days} days
}
page-not-found = Not found
chart-activity = New cases and decisions per day
chart-status = Accounts still up and confirmed suspended
chart-decision-time = Median hours from report to decision, by day of decision
series-opened = new cases to report
series-decided = decisions to report
series-still-up = still up
series-suspended = confirmed suspended
series-hours-to-decision = median hours to decision
feed-title = Accounts to report
feed-entry-title = Case #{$case}: {$key}
digest-chart = Attached: new cases to report (blue) and decisions to report (orange) per day over the last 30 days.
