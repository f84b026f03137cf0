# flagwatch के संदेश हिंदी में।

report-reviewed-recorded = {$reviewed} आपकी रिपोर्ट दर्ज कर ली गई है।
report-new-case = धन्यवाद — {$key} के लिए नया केस #{$case} खोला गया। मॉडरेटर इसकी समीक्षा करेंगे।
report-added = धन्यवाद — केस #{$case} में जोड़ दिया गया ({$reporters} रिपोर्टर)।
report-already-filed = यह रिपोर्ट केस #{$case} में पहले से दर्ज है।
reviewed-do-not-report = मॉडरेटरों ने इस अकाउंट की समीक्षा की है: कृपया प्लेटफ़ॉर्म पर इसकी रिपोर्ट न करें।

cta-heading = **अभी रिपोर्ट करें: केस #{$case}** ({$platform})
cta-reason = कारण: {$reasons}
cta-suspended = **निलंबित** — धन्यवाद, अब और रिपोर्ट की ज़रूरत नहीं है। अगर यह फिर से दिखे तो *अब भी मौजूद* दबाएँ।
cta-reported-so-far = {$count ->
    [one] अब तक {$count} स्वयंसेवक ने इसकी रिपोर्ट की है।
   *[other] अब तक {$count} स्वयंसेवकों ने इसकी रिपोर्ट की है।
}
cta-button-reported = मैंने रिपोर्ट कर दी
cta-button-suspended = निलंबित लगता है
cta-button-still-up = अब भी मौजूद

steps-x = प्रोफ़ाइल पर ⋯ → रिपोर्ट करें पर टैप करें → सबसे मिलती-जुलती श्रेणी चुनें (उग्रवाद के लिए: "हिंसक और नफ़रत फैलाने वाली संस्थाएँ") और निर्देशों का पालन करें।
steps-telegram = चैनल या अकाउंट खोलें → ⋮ → रिपोर्ट करें → सबसे मिलता-जुलता कारण चुनें (जैसे हिंसा)। आप लिंक abuse@telegram.org पर ईमेल भी कर सकते हैं।
steps-facebook = प्रोफ़ाइल पर ⋯ → सहायता पाएँ या रिपोर्ट करें पर क्लिक करें → "आतंकवाद" (या सबसे मिलता-जुलता कारण) चुनें और निर्देशों का पालन करें।
steps-instagram = प्रोफ़ाइल पर ⋯ → रिपोर्ट करें → अकाउंट की रिपोर्ट करें पर टैप करें → सबसे मिलता-जुलता कारण चुनें (जैसे हिंसा या खतरनाक संगठन)।
steps-youtube = चैनल पेज पर परिचय (या ⋯) खोलें → उपयोगकर्ता की रिपोर्ट करें → सबसे मिलता-जुलता कारण चुनें (जैसे "आतंकवाद को बढ़ावा देता है")।
steps-tiktok = प्रोफ़ाइल पर ⋯ (या शेयर करें) → रिपोर्ट करें → अकाउंट की रिपोर्ट करें पर टैप करें → सबसे मिलता-जुलता कारण चुनें (जैसे हिंसक उग्रवाद)।
steps-reddit = उपयोगकर्ता की प्रोफ़ाइल पर ⋯ → रिपोर्ट करें खोलें → सबसे मिलता-जुलता नियम चुनें (जैसे हिंसा की धमकी)।
steps-web = साइट का होस्ट या रजिस्ट्रार पता करें (WHOIS लुकअप से पता चलता है) और लिंक उसके abuse संपर्क को भेजें, यह बताते हुए कि यह कौन-सा क़ानून या नीति तोड़ता है।

language-chosen = अब से flagwatch इस सर्वर पर आपको हिंदी में जवाब देगा।
language-reset = आपकी भाषा की पसंद हटा दी गई: flagwatch आपको आपकी Discord भाषा में, या सर्वर की भाषा में जवाब देगा।

# render.rs: समीक्षा कार्ड (सर्वर की भाषा)
card-opened-by-muted = {$reporters} — म्यूट किए गए रिपोर्टर ने खोला
card-opened-by-muted-until = {$reporters} — ऐसे रिपोर्टर ने खोला जिसका म्यूट {$until} खत्म होगा
card-track-record-value = {$cases} अन्य केस: {$report_now} अभी रिपोर्ट करें ({$suspended} के निलंबन की पुष्टि), {$held} एजेंसियों को सौंपे गए, {$dismissed} खारिज
card-overdue = **समय-सीमा पार** — बिना किसी वोट के अवधि खत्म हो गई; अब भी एक वोट फ़ैसला करेगा।
card-voting-closes = वोटिंग खुली है — {$closes} बंद होगी
card-voting-open = वोटिंग खुली है
card-closed-withdrawn = **बंद** — फ़ैसले से पहले सभी रिपोर्टें वापस ले ली गईं।
card-decided = **फ़ैसला: {$decision}**
card-held-referral = {$until} तक एजेंसियों के पास (रेफ़रल दर्ज है)
card-held-no-referral = {$until} तक एजेंसियों के पास (अभी कोई रेफ़रल दर्ज नहीं)
round-hold-review = रोक की समीक्षा: रोक {$ended} को खत्म हुई। इस अकाउंट के साथ क्या करना है, इस पर फिर से वोट करें।
round-new-reporter = फिर से खोला गया: एक ऐसे सदस्य ने इस खारिज अकाउंट की रिपोर्ट की जिसने पहले इसकी रिपोर्ट नहीं की थी।
round-reopened = फिर से खोला गया: {$reason}

# notices.rs: रोक की सूचना, स्टेटस बोर्ड, सारांश, समीक्षा कतार (सर्वर की भाषा)
hold-notice-heading = **एजेंसियों को सौंपा गया — कृपया रिपोर्ट न करें: केस #{$case}**
hold-notice-body = इस अकाउंट पर संबंधित एजेंसियों के साथ काम हो रहा है। इसकी रिपोर्ट करने से इसके पीछे के लोग सतर्क हो सकते हैं।
counts-none = अभी कोई नहीं
decision-reviewed-no-public-action = समीक्षा हुई, कोई सार्वजनिक कार्रवाई नहीं
board-title = flagwatch स्टेटस बोर्ड
board-report-now = **अभी रिपोर्ट करें** (सबसे लंबे समय से इंतज़ार वाले पहले)
board-nothing = अभी रिपोर्ट करने के लिए कुछ नहीं है।
board-more = …और {$count}
board-cases = केस
board-accounts = अकाउंट (जिन केसों पर फ़ैसला हो चुका है)
board-last-day = पिछले 24 घंटे
board-new-cases = {$count ->
    [one] {$count} नया केस
   *[other] {$count} नए केस
}
board-decisions = {$count ->
    [one] {$count} फ़ैसला
   *[other] {$count} फ़ैसले
}
board-suspensions = {$count ->
    [one] {$count} निलंबन की पुष्टि
   *[other] {$count} निलंबनों की पुष्टि
}
board-updated = अपडेट किया गया
digest-heading = **दैनिक सारांश** — पिछले 24 घंटे
digest-new-reports = • {$count ->
    [one] {$count} नई रिपोर्ट
   *[other] {$count} नई रिपोर्टें
}
digest-decisions = • फ़ैसले: {$decisions}
digest-suspensions = • {$count ->
    [one] {$count} निलंबन की पुष्टि हुई
   *[other] {$count} निलंबनों की पुष्टि हुई
}
queue-summary-empty = **समीक्षा कतार**: खाली। नए केसों के कार्ड तुरंत पोस्ट होते हैं।
queue-summary-waiting = **समीक्षा कतार**: {$count ->
    [one] {$count} केस समीक्षा का इंतज़ार कर रहा है।
   *[other] {$count} केस समीक्षा का इंतज़ार कर रहे हैं।
} सबसे पुराने केस सामने लाने के लिए `/queue post` इस्तेमाल करें (एक बार में 5 तक)।

# answers.rs, समीक्षा चैनल में आउटबॉक्स द्वारा पोस्ट (सर्वर की भाषा)
delivery-refused = **flagwatch पिछले एक घंटे में {$place} में {$count} मैसेज नहीं पहुँचा सका**: {$why} (HTTP {$status}, Discord त्रुटि {$code})। इन्हें दोबारा नहीं भेजा जाएगा; कारण ठीक करें, अगले बदलाव पोस्ट हो जाएँगे।
delivery-missing-permissions = वहाँ बॉट के पास ज़रूरी अनुमतियाँ नहीं हैं (देखना, भेजना, लिंक एम्बेड करना, पिन करना, मैसेज मैनेज करना)
delivery-unknown-channel = यह चैनल अब मौजूद नहीं है: इसे `/setup set` से फिर से सेट करें
delivery-rejected-content = Discord ने मैसेज की सामग्री अस्वीकार कर दी
delivery-refused-other = Discord ने इसे अस्वीकार कर दिया
moderator-digest-heading = **मॉडरेटरों का सारांश**
moderator-digest-holds = • अगले 7 दिनों में {$count ->
    [one] {$count} रोक समीक्षा के लिए आएगी
   *[other] {$count} रोक समीक्षा के लिए आएँगी
}
moderator-digest-chain-head = • ऑडिट चेन का हेड: {$head} — इसकी एक कॉपी रखें; `flagwatch audit verify --guild <id> --expect <head>` बताता है कि लॉग में यह अब भी है या नहीं
moderator-digest-no-events = अभी कोई इवेंट नहीं
overdue-ping = केस #{$case} की वोटिंग अवधि बिना किसी वोट के खत्म हो गई। कृपया इसकी समीक्षा करें।

# labels.rs: डोमेन मानों के नाम, केस और नीति से जुड़े इनकार
decision-pending = लंबित
decision-report-now = अभी रिपोर्ट करें
decision-hand-off = एजेंसियों को सौंपा गया
decision-dismissed = खारिज
decision-withdrawn = बंद: सभी रिपोर्टें वापस ली गईं
account-unknown = अज्ञात
account-active = सक्रिय
account-suspended = निलंबित
account-gone = हटाया गया
refusal-not-pending = यह केस अब वोट के लिए खुला नहीं है (स्थिति: {$decision}): इसे फिर से खुलवाने के लिए किसी एडमिन से कहें
refusal-not-held = यह केस एजेंसियों को सौंपा हुआ नहीं है (स्थिति: {$decision}): सिर्फ़ एजेंसियों को सौंपे गए केस ही छोड़े या बढ़ाए जा सकते हैं
refusal-hold-not-expired = इस केस पर रोक {$until} तक है; यह अभी खत्म नहीं हुई है
refusal-not-dismissed = यह केस खारिज नहीं हुआ था, इसलिए नई रिपोर्टें इसे फिर से नहीं खोलतीं
refusal-not-withdrawn = यह केस रिपोर्टें वापस लिए जाने से बंद नहीं हुआ था
refusal-already-pending = यह केस पहले से वोट के लिए लंबित है
refusal-already-overdue = यह केस पहले से समय-सीमा पार के रूप में चिह्नित है
refusal-already-decided = इस केस पर पहले ही फ़ैसला हो चुका है: {$decision}
refusal-quorum = कोरम 1 से 25 वोट के बीच होना चाहिए (मिला: {$got})
refusal-window = वोटिंग की अवधि 10 मिनट से 30 दिन के बीच होनी चाहिए (मिला: {$got} मिनट)
refusal-hold-days = रोक 1 से 365 दिन तक की होनी चाहिए (मिला: {$got})
refusal-batch-size = एक बैच में 1 से {$max} अकाउंट होते हैं (मिला: {$got})
refusal-pace = next_per_hour 1 से {$max} के बीच होना चाहिए (मिला: {$got})
permission-view = चैनल देखें
permission-send = मैसेज भेजें
permission-embed = लिंक एम्बेड करें
permission-pin = मैसेज पिन करें (मैसेज मैनेज करें)
permission-manage-messages = मैसेज मैनेज करें
channel-review = समीक्षा चैनल
channel-coordination = समन्वय चैनल
platform-web = वेबसाइट

# answers.rs: इनकार और त्रुटियाँ (सदस्य की भाषा)
denied-not-a-slash-command = flagwatch सिर्फ़ स्लैश कमांड का जवाब देता है।
denied-outside-server = flagwatch की कमांड किसी सर्वर के अंदर काम करती हैं।
denied-button-outside-server = यह बटन किसी सर्वर के अंदर काम करता है।
denied-vote-outside-server = वोटिंग किसी सर्वर के अंदर होती है।
denied-reporter-role-only = इस सर्वर पर यह सिर्फ़ रिपोर्टर रोल वाले सदस्य कर सकते हैं।
denied-moderators-only = यह सिर्फ़ मॉडरेटरों के लिए है।
denied-liaisons-only = यह सिर्फ़ एजेंसी संपर्क अधिकारियों के लिए है (/setup में तय किया गया लायज़न रोल)।
denied-admins-only = यह सिर्फ़ सर्वर एडमिन के लिए है (सर्वर मैनेज करें अनुमति)।
denied-not-a-moderator-vote = केसों पर सिर्फ़ मॉडरेटर वोट कर सकते हैं। आपका क्लिक दर्ज नहीं हुआ।
denied-setup-admins-only = flagwatch का सेटअप सिर्फ़ सर्वर एडमिन (सर्वर मैनेज करें अनुमति) बदल सकते हैं।
denied-setup-viewers-only = flagwatch का सेटअप सिर्फ़ सर्वर एडमिन और मॉडरेटर देख सकते हैं।
denied-no-permission = आपको यह कमांड इस्तेमाल करने की अनुमति नहीं है।
denied-stale-button = यह बटन अब इस्तेमाल में नहीं है।
not-set-up = flagwatch अभी इस सर्वर पर सेट अप नहीं हुआ है। किसी सर्वर एडमिन को `/setup set` इनके साथ चलाना होगा: {$missing}।
internal-error = हमारी तरफ़ कुछ गड़बड़ हुई और कुछ भी नहीं बदला गया। कृपया एक मिनट बाद फिर कोशिश करें।
unreadable-option = मैं विकल्प {$option} नहीं पढ़ सका: {$error}। कृपया इसे जाँचकर फिर कोशिश करें।
options-out-of-date = मैं इस कमांड के विकल्प नहीं पढ़ सका; हो सकता है कमांड की सूची पुरानी हो। कृपया एक मिनट बाद फिर कोशिश करें।
direct-message = flagwatch की कमांड किसी सर्वर के अंदर काम करती हैं, डायरेक्ट मैसेज में नहीं।
no-such-case = इस सर्वर पर केस #{$case} मौजूद नहीं है।
case-changed-meanwhile = यह बदलाव लागू होते समय केस बदल गया। कृपया इसे फिर से देखें और दोबारा कोशिश करें।
nothing-changed = कुछ भी नहीं बदला गया।
setting-out-of-range = {$name} {$min} और {$max} के बीच होना चाहिए (मिला: {$value})। कुछ भी नहीं बदला गया।
missing-text = कृपया विकल्प "{$option}" भरें।
missing-field = कृपया विकल्प "{$option}" दें।
nothing-filed = कोई रिपोर्ट दर्ज नहीं हुई।
intake-too-new = नए सदस्य इस सर्वर से जुड़ने के {$hours} घंटे बाद रिपोर्ट कर सकते हैं। आप {$at} से रिपोर्ट कर सकेंगे ({$when})।
intake-report-limit = आपने पिछले {$minutes} मिनट में {$limit} रिपोर्टें की हैं, जो इस सर्वर की सीमा है। आप {$when} फिर से रिपोर्ट कर सकेंगे।
intake-press-limit = आपने पिछले {$minutes} मिनट में ये बटन {$limit} बार इस्तेमाल किए हैं, जो इस सर्वर की सीमा है। आपका क्लिक दर्ज नहीं हुआ; आप {$when} फिर से क्लिक कर सकेंगे।

# answers.rs: /status
no-case-for = {$key} के लिए अभी कोई केस नहीं है। अगर यह उग्रवादी सामग्री फैलाता है, तो /report इस्तेमाल करें।
account-or-case = या तो `account` (लिंक या @हैंडल) दें या `case` (केस नंबर), दोनों नहीं।
no-public-action = केस #{$case} के लिए कोई सार्वजनिक कार्रवाई नहीं है।
status-head = केस #{$case} — {$key}
status-pending = मॉडरेटर इसकी समीक्षा कर रहे हैं। प्लेटफ़ॉर्म पर रिपोर्ट करने से पहले कृपया उनके फ़ैसले का इंतज़ार करें।
status-report-now = समुदाय ने **अभी रिपोर्ट करने** का फ़ैसला किया है: समन्वय चैनल में कार्रवाई की अपील का पालन करें।
status-withdrawn = बंद: फ़ैसले से पहले इस पर की गई सभी रिपोर्टें वापस ले ली गईं।
status-account-seen = अकाउंट की आख़िरी देखी गई स्थिति: {$status}।
status-held-until = {$until} तक एजेंसियों के पास
status-see-case-show = रिपोर्टों, वोटों और इतिहास के लिए `/case show` इस्तेमाल करें।
decision-line = फ़ैसला: **{$decision}** (राउंड {$round}) · अकाउंट: {$status}

# answers.rs: बटन
press-call-withdrawn = केस #{$case} की कार्रवाई की अपील वापस ले ली गई है: कृपया इस पर कोई कार्रवाई न करें।
press-reported-it = धन्यवाद — आपकी गिनती एक बार हुई। {$count ->
    [one] अब तक {$count} स्वयंसेवक ने
   *[other] अब तक {$count} स्वयंसेवकों ने
} केस #{$case} की रिपोर्ट की है।
press-still-up = धन्यवाद — केस #{$case} को अब भी मौजूद के रूप में चिह्नित किया गया।
press-confirmed-suspended = धन्यवाद — केस #{$case} के निलंबन की पुष्टि हो गई।
press-suspension-needs-confirmation = धन्यवाद — दर्ज कर लिया। कोई दूसरा सदस्य (या मॉडरेटर) पुष्टि करे तो केस #{$case} निलंबित दिखेगा।
vote-refused = केस #{$case}: {$why}। आपका वोट दर्ज नहीं हुआ।
vote-decided = आपके वोट ({$vote}) ने केस #{$case} का फ़ैसला किया: {$decision}।
vote-recorded = केस #{$case} पर आपका वोट दर्ज हो गया: {$vote}। राउंड बंद होने तक आप इसे बदल सकते हैं।

# answers.rs: मॉडरेटर और संपर्क अधिकारी
note-added = केस #{$case} में नोट जोड़ दिया गया।
case-reopened = केस #{$case} नए वोट के लिए खुला है (राउंड {$round})।
case-overridden = केस #{$case} का अब फ़ैसला हो गया: {$decision}।
referral-recorded = केस #{$case} पर रेफ़रल दर्ज हो गया।
hold-extended = केस #{$case} अब {$until} तक एजेंसियों के पास रहेगा।
hold-released = केस #{$case} छोड़ दिया गया: इसकी कार्रवाई की अपील पोस्ट की जा रही है।
queue-empty = समीक्षा कतार खाली है।
queue-posted = {$count ->
    [one] {$count} कार्ड पोस्ट किया जा रहा है
   *[other] {$count} कार्ड पोस्ट किए जा रहे हैं
}: {$numbers}। {$left ->
    [one] कतार में अब भी {$left} केस इंतज़ार कर रहा है।
   *[other] कतार में अब भी {$left} केस इंतज़ार कर रहे हैं।
}
exported = {$count ->
    [one] {$count} केस एक्सपोर्ट किया गया।
   *[other] {$count} केस एक्सपोर्ट किए गए।
}
exported-pulls = TAXII फ़ीड से हाल में लिया गया डेटा:
exported-pull-objects = {$count} ऑब्जेक्ट
forgotten = हो गया: इस सर्वर पर {$count ->
    [one] {$count} रिपोर्ट
   *[other] {$count} रिपोर्टों
} से आपकी पहचान हटा दी गई। वे अब भी गिनी जाती हैं, लेकिन कोई नहीं देख सकता कि वे आपकी थीं।

# answers.rs: /import
import-too-large = यह फ़ाइल 25 MiB से बड़ी है: सूची को बाँटकर हिस्सों में इंपोर्ट करें।
import-unreadable = मैं फ़ाइल नहीं पढ़ सका ({$why})। कृपया इसे फिर से अटैच करें।
download-not-a-link = यह मान्य लिंक नहीं है
download-not-discord = यह Discord के अटैचमेंट होस्ट पर नहीं है
download-failed = डाउनलोड विफल: {$detail}
download-too-large = {$mib} MiB की सीमा से बड़ी है
importing = {$file} इंपोर्ट हो रही है…
importing-lines = {$file} इंपोर्ट हो रही है… अब तक {$lines} लाइनें।
imported = {$lines} लाइनें इंपोर्ट हुईं: {$new} नए केस, {$merged} मौजूदा केसों में जोड़ी गईं, {$rejected} अस्वीकार। नए केस समीक्षा कतार (`/queue post`) में इंतज़ार कर रहे हैं।
imported-rejected-line = लाइन {$line}: {$why}
imported-more-rejected = …और {$count} अस्वीकार की गई लाइनें।

# answers.rs: /setup
setup-saved = सेटअप सहेजा गया।
setting-not-set = सेट नहीं
setting-everyone-reports = हर कोई रिपोर्ट कर सकता है
setting-on = चालू
setting-off = बंद
settings-review-channel = समीक्षा चैनल: {$value}
settings-coordination-channel = समन्वय चैनल: {$value}
settings-moderator-role = मॉडरेटर रोल: {$value}
settings-liaison-role = लायज़न रोल: {$value}
settings-reporter-role = रिपोर्टर रोल: {$value}
settings-policy = कोरम: {$quorum} वोट · वोटिंग अवधि: {$window} मिनट · रोक: {$holds} दिन · डिफ़ॉल्ट प्लेटफ़ॉर्म: {$platform}
settings-intake = रोक की सार्वजनिक सूचनाएँ: {$notices} · सारांश: {$digest} · रिपोर्ट सीमा: हर {$minutes} मिनट में {$limit} · न्यूनतम सदस्यता: {$hours} घंटे
settings-next = /next: हर सदस्य को प्रति घंटे ज़्यादा से ज़्यादा {$pace} अकाउंट · भाषा: {$language}
settings-public-page = सार्वजनिक पेज: {$value}
settings-public-page-on = चालू, बॉट के वेब पते पर /{$slug}/ पर
settings-still-needed = सदस्यों के रिपोर्ट कर पाने से पहले अब भी ज़रूरी: {$missing}।
channels-all-well = बॉट सेट किए गए चैनलों में मैसेज देख, भेज, एम्बेड, पिन और मैनेज कर सकता है।
channel-unreadable = बॉट {$what} {$channel} नहीं देख सकता: वहाँ उसके रोल को "चैनल देखें" अनुमति दें, या कोई दूसरा चैनल चुनें।
channel-review-public = समीक्षा चैनल {$channel} @everyone को दिखता है: लंबित अकाउंट और वोटों की गिनती सार्वजनिक हो जाएगी। वहाँ @everyone के लिए "चैनल देखें" बंद करें और मॉडरेटर रोल के लिए चालू करें।
channel-missing-permissions = {$what} {$channel} में बॉट के पास ये अनुमतियाँ नहीं हैं: {$permissions}। चैनल की अनुमतियों में उसके रोल के लिए इन्हें चालू करें।
channels-check-failed = अभी सेट किए गए चैनलों में बॉट की अनुमतियाँ जाँची नहीं जा सकीं; बाद में /setup show फिर से चलाएँ।

# answers.rs: /case show
details-reports = **रिपोर्टें ({$count})**
details-anonymous = गुमनाम रिपोर्टर
details-imported = इंपोर्ट
details-evidence = {$count} सबूत
details-votes = **इस राउंड के वोट**
details-notes = **नोट**
details-history = **इतिहास (नया पहले)**
details-not-recorded = दर्ज नहीं
details-held = {$until} तक एजेंसियों के पास · एजेंसी: {$agency} · संदर्भ: {$reference}
also-known-as = इन नामों से भी जाना जाता है: {$keys}

# campaign.rs: /next, /myreports, /withdraw, /case alias add, /reporter
next-nothing = अभी आपके लिए रिपोर्ट करने को कुछ नहीं है: आप हर खुली अपील की रिपोर्ट कर चुके हैं, या बाक़ी पर दूसरे काम कर रहे हैं। बाद में फिर कोशिश करें।
next-title = रिपोर्ट करने के लिए आपके अगले अकाउंट
next-description = हर अकाउंट की उसके प्लेटफ़ॉर्म पर रिपोर्ट करें, फिर यहाँ उसका बटन दबाएँ। जल्दबाज़ी न करें: एक साथ बहुत सारी रिपोर्ट करने वाले अकाउंट प्लेटफ़ॉर्म निलंबित कर देते हैं।
next-field = केस #{$case} — {$platform}
next-button = मैंने #{$case} की रिपोर्ट कर दी
next-paced = पिछले एक घंटे में आपको {$pace} अकाउंट दिए जा चुके हैं, जो इस सर्वर की रफ़्तार है: एक साथ बहुत सारी रिपोर्ट करने वाले अकाउंट प्लेटफ़ॉर्म निलंबित कर देते हैं। आप {$when} और माँग सकेंगे।
mine-none = आपने इस सर्वर पर कोई रिपोर्ट नहीं की है।
mine-heading = **आपकी रिपोर्टें** (नई पहले)
mine-line = • #{$case} {$key} — {$state} · {$filed} दर्ज की
mine-withdraw-button = #{$case} वापस लें
mine-state-withdrawn = आपने अपनी रिपोर्ट वापस ले ली
mine-state-reviewed = समीक्षा हो चुकी: कृपया इसकी रिपोर्ट न करें
mine-state-withdrawable = समीक्षा का इंतज़ार (आप इसे वापस ले सकते हैं)
mine-state-suspended = रिपोर्ट हुई; अकाउंट के निलंबन की पुष्टि हुई
mine-state-report-now = अभी रिपोर्ट करें: कार्रवाई की अपील देखें
mine-state-closed = बंद: सभी रिपोर्टें वापस ले ली गईं
mine-state-awaiting = समीक्षा का इंतज़ार
withdrawn-closed = केस #{$case} पर आपकी रिपोर्ट वापस ले ली गई। यह केस की आख़िरी रिपोर्ट थी, इसलिए केस बंद हो गया।
withdrawn = केस #{$case} पर आपकी रिपोर्ट वापस ले ली गई; केस की गिनती में अब यह शामिल नहीं है।
withdraw-reviewed = केस #{$case} की समीक्षा पहले ही हो चुकी है, इसलिए आपकी रिपोर्ट बनी रहेगी। रिपोर्टें सिर्फ़ तभी वापस ली जा सकती हैं जब केस समीक्षा का इंतज़ार कर रहा हो।
withdraw-already = आप केस #{$case} पर अपनी रिपोर्ट पहले ही वापस ले चुके हैं।
withdraw-no-report = केस #{$case} पर आपकी कोई रिपोर्ट नहीं है जिसे वापस लिया जा सके। `/myreports` आपकी रिपोर्टें दिखाता है।
alias-added = केस #{$case} अब {$alias} के नाम से भी जाना जाता है: उस रूप की रिपोर्टें और `/status` इसी केस पर आते हैं।
alias-other-platform = केस #{$case} {$case_platform} पर है और वह लिंक {$alias_platform} पर है; उपनाम उसी प्लेटफ़ॉर्म पर उसी अकाउंट का होना चाहिए।
alias-already = केस #{$case} के पास यह कुंजी पहले से है; जोड़ने को कुछ नहीं।
alias-taken = यह अकाउंट पहले से केस #{$owner} का है, इसलिए यह केस #{$case} का उपनाम नहीं हो सकता। अगर दोनों केस एक ही अकाउंट के हैं, तो `/case merge` से उन्हें मिला दें।
reporter-none = {$member} की इस सर्वर पर कोई रिपोर्ट नहीं है (वापस ली गई रिपोर्टें नहीं गिनी जातीं)।
reporter-heading = **रिपोर्टर {$member}**
reporter-reports = रिपोर्टें: {$reports} · केस: {$cases}
reporter-outcomes = नतीजे: {$report_now} अभी रिपोर्ट करें ({$suspended} के निलंबन की पुष्टि) · {$held} एजेंसियों को सौंपे गए · {$dismissed} खारिज
reporter-dates = पहली रिपोर्ट: {$first} · आख़िरी रिपोर्ट: {$last}
reporter-muted = {$member} को अनम्यूट किए जाने तक म्यूट किया गया: उनकी रिपोर्टें अब भी ली और रखी जाती हैं, लेकिन कोई केस नहीं खोलतीं और किसी गिनती में नहीं आतीं। उन्हें बताया नहीं जाता।
reporter-muted-until = {$member} को {$until} तक म्यूट किया गया: उनकी रिपोर्टें अब भी ली और रखी जाती हैं, लेकिन कोई केस नहीं खोलतीं और किसी गिनती में नहीं आतीं। उन्हें बताया नहीं जाता।
reporter-unmuted = {$member} अब म्यूट नहीं हैं: अब से उनकी रिपोर्टें गिनी जाएँगी। म्यूट के दौरान की गई रिपोर्टें नहीं गिनी जाएँगी।
reporter-not-muted = {$member} म्यूट नहीं हैं; कुछ नहीं बदला।

# rejections.rs: किसी अकाउंट कुंजी या इंपोर्ट की लाइन को अस्वीकार करने का कारण
key-any-forms = प्रोफ़ाइल का लिंक (जैसे https://x.com/<handle>) या @हैंडल पेस्ट करें
key-empty = कोई अकाउंट नहीं दिया गया: {$forms}
key-too-long = यह 2,048 अक्षरों से लंबा है, किसी अकाउंट के लिए बहुत लंबा: {$forms}
key-control = इसमें कंट्रोल अक्षर हैं (जैसे लाइन ब्रेक या टैब): {$forms}, एक बार में एक
key-scheme = "{$scheme}:" लिंक स्वीकार नहीं किए जाते, सिर्फ़ http:// और https:// वाले: {$forms}
key-invalid-link = यह मान्य लिंक नहीं है: {$forms}
key-userinfo = होस्ट से पहले नाम वाले लिंक (name@host) स्वीकार नहीं किए जाते, क्योंकि वे छिपा सकते हैं कि लिंक कहाँ ले जाता है: {$forms}
key-unknown-platform = "{$given}" ऐसा प्लेटफ़ॉर्म नहीं है जिसे यह बॉट जानता हो: इनमें से कोई एक इस्तेमाल करें: {$platforms}
key-web-needs-link = सिर्फ़ नाम किसी वेबसाइट का अकाउंट नहीं हो सकता: {$forms} पेस्ट करें, या वह प्लेटफ़ॉर्म चुनें जिस पर यह नाम है
key-missing-account = यह {$platform} लिंक किसी अकाउंट का नाम नहीं बताता: प्रोफ़ाइल का लिंक पेस्ट करें ({$forms})
key-not-an-account = {$page} {$why}: इसकी जगह प्रोफ़ाइल का लिंक पेस्ट करें ({$forms})
key-invalid-name = "{$given}" मान्य {$rule} नहीं है: {$forms} पेस्ट करें
key-invalid-stored = "{$key}" मान्य सहेजी गई अकाउंट कुंजी नहीं है (अपेक्षित रूप <platform>:<id>, जैसे x:jack)
forms-x = x.com/<handle> या @handle
forms-telegram = t.me/<username>, t.me/+<invite code> या @username
forms-facebook = facebook.com/<username> या facebook.com/profile.php?id=<number>
forms-instagram = instagram.com/<username> या @username
forms-youtube = youtube.com/@<handle>, youtube.com/channel/UC…, youtube.com/c/<name> या youtube.com/user/<name>
forms-tiktok = tiktok.com/@<username> या @username
forms-reddit = reddit.com/user/<username> या u/<username>
forms-web = पूरा लिंक, जैसे https://example.com/page
not-account-page = किसी अकाउंट का पेज नहीं है
not-account-post = किसी पोस्ट का लिंक है और अकाउंट का नाम नहीं बताता
not-account-video = किसी वीडियो का लिंक है और चैनल का नाम नहीं बताता
not-account-short-link = छोटा किया गया लिंक है जिसे बॉट नहीं खोल सकता (अकाउंट देखने के लिए इसे ब्राउज़र में खोलें)
not-account-community = एक कम्युनिटी (सबरेडिट) है, अकाउंट नहीं
name-x-handle = X हैंडल (1–15 अक्षर, अंक या _)
name-telegram-username = Telegram यूज़रनेम (5–32 अक्षर, अंक या _, किसी अक्षर से शुरू)
name-telegram-invite = Telegram इनवाइट कोड (ज़्यादा से ज़्यादा 64 अक्षर, अंक, _ या -)
name-facebook-username = Facebook यूज़रनेम (कम से कम 5 अक्षर या अंक; पूर्ण विराम नहीं गिने जाते)
name-facebook-number = Facebook प्रोफ़ाइल नंबर (1–20 अंक)
name-instagram-username = Instagram यूज़रनेम (1–30 अक्षर, अंक, . या _)
name-youtube-handle = YouTube हैंडल (3–30 अक्षर, अंक, _, - या .)
name-youtube-channel = YouTube चैनल ID (UC के बाद 22 अक्षर, अंक, _ या -)
name-youtube-custom-name = YouTube चैनल का नाम (1–100 अक्षर, अंक, _, - या .)
name-youtube-user-name = YouTube यूज़र नेम (1–100 अक्षर, अंक, _, - या .)
name-tiktok-username = TikTok यूज़रनेम (2–24 अक्षर, अंक, . या _)
name-reddit-username = Reddit यूज़रनेम (3–20 अक्षर, अंक, _ या -)
import-no-account = अकाउंट वाला कॉलम खाली है
import-unknown-reason = "{$value}" कोई कारण नहीं है: इनमें से कोई एक इस्तेमाल करें: {$accepted}

reason-propaganda = दुष्प्रचार
reason-recruitment = भर्ती
reason-incitement = हिंसा के लिए उकसाना
reason-financing = वित्तपोषण
reason-threat = धमकी
reason-other = अन्य

vote-report-now = अभी रिपोर्ट करें
vote-hand-off = एजेंसियों को सौंपें
vote-dismiss = खारिज करें

card-title = केस #{$case} — {$key}
card-reporters-recent = {$reporters} ({$recent} पिछले हफ़्ते जुड़े)
card-platform = प्लेटफ़ॉर्म
card-reasons = कारण
card-reporters = रिपोर्टर
card-track-record = रिपोर्टरों का रिकॉर्ड
card-evidence = सबूत
card-opened = खोला गया
card-latest-details = ताज़ा विवरण
card-votes = वोट (राउंड {$round})

# /case merge (issue 11)
case-merged-into = **केस #{$case} में मिला दिया गया** — इसकी रिपोर्टें, नोट और कुंजियाँ अब वहीं हैं।
merge-done = केस #{$from} को केस #{$into} में मिला दिया गया: इसकी रिपोर्टें, सबूत, नोट और कुंजियाँ अब केस #{$into} पर हैं, और इस अकाउंट की आगे की रिपोर्टें वहीं पहुँचेंगी।
merge-refused-same = किसी केस को उसी में नहीं मिलाया जा सकता: दो अलग केस नंबर दें (`from` वह केस जो मिलाया जाएगा, `into` वह जो बना रहेगा)।
merge-refused-platform = केस #{$from} {$from_platform} पर है और केस #{$into} {$into_platform} पर: केवल एक ही प्लेटफ़ॉर्म पर एक ही अकाउंट के केस मिलाए जा सकते हैं।
merge-refused-merged = केस #{$case} पहले ही किसी दूसरे केस में मिलाया जा चुका है। जिस केस में इसे मिलाया गया, उसका उपयोग करें (`/case show {$case}` उसका नंबर बताता है)।

## Re-checks in /next, import ids and /queue dismiss-all (issue 11)
next-recheck-title = केस #{$case} — {$platform}: क्या अब भी निलंबित है?
next-recheck-body = निलंबन की पुष्टि {$since} हुई। प्लेटफ़ॉर्म निलंबन वापस भी लेते हैं: लिंक खोलें और बताएँ कि आपको क्या दिखता है।
next-recheck-still = #{$case} अब भी निलंबित
next-recheck-back = #{$case} वापस आ गया
recheck-still = धन्यवाद: केस #{$case} निलंबित ही दर्ज रहेगा। स्वयंसेवकों से {$days} दिन बाद फिर पूछा जाएगा।
recheck-back = धन्यवाद: केस #{$case} फिर से सक्रिय है, और उसकी रिपोर्ट करने की अपील वापस आ गई है।
recheck-back-noted = धन्यवाद, केस #{$case} पर आपका जवाब दर्ज हो गया। जब कोई और स्वयंसेवक या मॉडरेटर खाते को वापस देखेगा, तब उसकी रिपोर्ट करने की अपील लौटेगी।
recheck-not-suspended = केस #{$case} अब निलंबित दर्ज नहीं है: उसकी रिपोर्ट करने की अपील लगी हुई है।
setup-recheck-days = दोबारा जाँच: कोई निलंबन {$days} दिन बाद /next में लौटता है
recheck-days-refused = recheck_days {$min} से {$max} दिन के बीच होना चाहिए ({$value} मिला)
import-named = इम्पोर्ट #{$import} — जो उसने प्रतीक्षा में छोड़ा है उसे ख़ारिज करने के लिए: `/queue dismiss-all source:{$import}`।
queue-from-import = #{$case}, इम्पोर्ट #{$import} से
dismiss-all-done = इम्पोर्ट #{$import}: ख़ारिज किए गए केस: {$count}। उनके खुले मतदान बंद हो गए और उनके कार्ड अपडेट हो गए।
dismiss-all-skipped = समीक्षा के लिए छोड़े गए, क्योंकि सदस्यों ने भी /report से उनकी रिपोर्ट की थी: {$skipped}।
dismiss-all-nothing = इम्पोर्ट #{$import} में कोई केस फ़ैसले की प्रतीक्षा में नहीं है: कुछ भी ख़ारिज नहीं हुआ।
dismiss-all-unknown = इस सर्वर पर कोई इम्पोर्ट #{$import} नहीं है। हर इम्पोर्ट के सारांश में उसका नंबर होता है।

## मिलाए गए केस, साप्ताहिक सारांश का दिन
decision-merged = दूसरे केस में मिलाया गया
refusal-merged = यह केस दूसरे केस में मिला दिया गया है; उसी केस पर कार्रवाई करें
settings-weekly-chart = हर {$day} को सारांश में पिछले 30 दिनों का चार्ट होता है।
weekday-monday = सोमवार
weekday-tuesday = मंगलवार
weekday-wednesday = बुधवार
weekday-thursday = गुरुवार
weekday-friday = शुक्रवार
weekday-saturday = शनिवार
weekday-sunday = रविवार
