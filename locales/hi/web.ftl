# सार्वजनिक स्थिति पेज, उसकी फ़ीड और चार्ट, हिंदी में।

page-title = रिपोर्ट करने के लिए खाते
page-totals = {$up} अब भी मौजूद · {$suspended} के निलंबन की पुष्टि
page-empty = अभी किसी खाते को रिपोर्ट करने की ज़रूरत नहीं है। धन्यवाद।
page-col-case = केस
page-col-link = लिंक
page-col-platform = प्लैटफ़ॉर्म
page-col-reason = कारण
page-col-reported-by = रिपोर्ट करने वाले
page-col-waiting = कब से इंतज़ार
page-of = पेज {$page} / {$pages}
page-previous = पिछला
page-next = अगला
page-how-to-report = रिपोर्ट कैसे करें
page-last-days = पिछले 30 दिन
page-median = रिपोर्ट से फ़ैसले तक का माध्यिका समय: {$time}
page-col-day = दिन
page-col-new = नए
page-col-decided = फ़ैसले
page-col-still-up = अब भी मौजूद
page-col-suspended = निलंबित
page-confirmed-suspended = निलंबन की पुष्टि
page-all-accounts = सभी खाते
page-aliases = इन नामों से भी जाना जाता है:
page-feed = फ़ीड रीडर से फ़ॉलो करें (Atom)
page-case-title = केस #{$case}
page-case-suspended = निलंबन की पुष्टि हो गई है: अब और रिपोर्ट की ज़रूरत नहीं है।
page-case-reported = {$volunteers ->
    [one] {$volunteers} स्वयंसेवक ने रिपोर्ट किया
   *[other] {$volunteers} स्वयंसेवकों ने रिपोर्ट किया
} · {$time} से इंतज़ार
page-hours = {$hours ->
    [one] {$hours} घंटा
   *[other] {$hours} घंटे
}
page-days = {$days ->
    [one] {$days} दिन
   *[other] {$days} दिन
}
page-not-found = पेज नहीं मिला
chart-activity = हर दिन के नए केस और फ़ैसले
chart-status = अब भी मौजूद खाते और पुष्ट निलंबन
chart-decision-time = रिपोर्ट से फ़ैसले तक के माध्यिका घंटे, फ़ैसले के दिन के हिसाब से
series-opened = रिपोर्ट करने के लिए नए केस
series-decided = रिपोर्ट करने के फ़ैसले
series-still-up = अब भी मौजूद
series-suspended = निलंबन की पुष्टि
series-hours-to-decision = फ़ैसले तक के माध्यिका घंटे
feed-title = रिपोर्ट करने के लिए खाते
feed-entry-title = केस #{$case}: {$key}
digest-chart = संलग्न: पिछले 30 दिनों में हर दिन रिपोर्ट करने के लिए नए केस (नीला) और रिपोर्ट करने के फ़ैसले (नारंगी)।
