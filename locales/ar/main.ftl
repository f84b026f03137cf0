# رسائل flagwatch باللغة العربية.

report-reviewed-recorded = {$reviewed} تم تسجيل بلاغك.
report-new-case = شكرًا لك — فُتحت القضية رقم {$case} للحساب {$key}. سيراجعها المشرفون.
report-added = شكرًا لك — أُضيف بلاغك إلى القضية رقم {$case} ({$reporters ->
    [zero] لا مبلّغين
    [one] مبلّغ واحد
    [two] مبلّغان
    [few] {$reporters} مبلّغين
    [many] {$reporters} مبلّغًا
   *[other] {$reporters} مبلّغ
}).
report-already-filed = هذا البلاغ مسجّل بالفعل في القضية رقم {$case}.
reviewed-do-not-report = راجع المشرفون هذا الحساب: يُرجى عدم الإبلاغ عنه على المنصة.

cta-heading = **أبلِغوا الآن: القضية رقم {$case}** ({$platform})
cta-reason = السبب: {$reasons}
cta-suspended = **معلّق** — شكرًا لكم، لا حاجة إلى مزيد من البلاغات. اضغطوا *لا يزال متاحًا* إذا رأيتموه يعود.
cta-reported-so-far = {$count ->
    [zero] لم يُبلغ عنه أي متطوع حتى الآن.
    [one] أبلغ عنه متطوع واحد حتى الآن.
    [two] أبلغ عنه متطوعان حتى الآن.
    [few] أبلغ عنه {$count} متطوعين حتى الآن.
    [many] أبلغ عنه {$count} متطوعًا حتى الآن.
   *[other] أبلغ عنه {$count} متطوع حتى الآن.
}
cta-button-reported = أبلغتُ عنه
cta-button-suspended = يبدو معلّقًا
cta-button-still-up = لا يزال متاحًا

steps-x = في الملف الشخصي، انقر على ⋯ ← الإبلاغ ← اختر الفئة الأقرب (للتطرف: «الكيانات العنيفة والتي تحض على الكراهية») واتبع التعليمات.
steps-telegram = افتح القناة أو الحساب ← ⋮ ← إبلاغ ← اختر السبب الأقرب (مثل العنف). يمكنك أيضًا إرسال الرابط بالبريد الإلكتروني إلى abuse@telegram.org.
steps-facebook = في الملف الشخصي، انقر على ⋯ ← البحث عن دعم أو الإبلاغ ← اختر «الإرهاب» (أو السبب الأقرب) واتبع التعليمات.
steps-instagram = في الملف الشخصي، انقر على ⋯ ← إبلاغ ← الإبلاغ عن الحساب ← اختر السبب الأقرب (مثل العنف أو المنظمات الخطرة).
steps-youtube = في صفحة القناة، افتح «لمحة» (أو ⋯) ← الإبلاغ عن المستخدم ← اختر السبب الأقرب (مثل «الترويج للإرهاب»).
steps-tiktok = في الملف الشخصي، انقر على ⋯ (أو مشاركة) ← إبلاغ ← الإبلاغ عن الحساب ← اختر السبب الأقرب (مثل التطرف العنيف).
steps-reddit = في الملف الشخصي للمستخدم، افتح ⋯ ← إبلاغ ← اختر القاعدة الأقرب (مثل التهديد بالعنف).
steps-web = اعثر على مستضيف الموقع أو مسجّل النطاق (يُظهره بحث WHOIS) وأرسل الرابط إلى جهة الاتصال الخاصة بالإساءة لديه، مع ذكر القانون أو السياسة التي يخالفها.

language-chosen = من الآن فصاعدًا سيجيبك flagwatch بالعربية على هذا الخادم.
language-reset = أُلغي اختيارك للغة: سيجيبك flagwatch بلغة Discord لديك، أو بلغة الخادم.

# render.rs: بطاقة المراجعة (بلغة الخادم)
card-opened-by-muted = {$reporters} — فتحها مبلّغ مكتوم
card-opened-by-muted-until = {$reporters} — فتحها مبلّغ مكتوم ينتهي كتمه {$until}
card-track-record-value = قضايا أخرى: {$cases} — الإبلاغ الآن: {$report_now} (تعليق مؤكَّد: {$suspended})، محالة إلى الجهات المختصة: {$held}، مرفوضة: {$dismissed}
card-overdue = **متأخرة** — انتهت مدة التصويت دون أي صوت؛ ولا يزال صوتٌ واحد يحسمها.
card-voting-closes = التصويت مفتوح — يُغلق {$closes}
card-voting-open = التصويت مفتوح
card-closed-withdrawn = **مغلقة** — سُحبت كل البلاغات قبل اتخاذ قرار.
card-decided = **القرار: {$decision}**
card-held-referral = محالة إلى الجهات المختصة حتى {$until} (سُجّلت الإحالة)
card-held-no-referral = محالة إلى الجهات المختصة حتى {$until} (لم تُسجَّل أي إحالة بعد)
round-hold-review = مراجعة الإحالة: انتهت مدة الإحالة في {$ended}. صوّتوا مجددًا على كيفية التعامل مع هذا الحساب.
round-new-reporter = أُعيد فتحها: أبلغ عن هذا الحساب المرفوض عضوٌ لم يسبق له الإبلاغ عنه.
round-reopened = أُعيد فتحها: {$reason}

# notices.rs: إشعار الإحالة، لوحة الحالة، الملخص، قائمة المراجعة (بلغة الخادم)
hold-notice-heading = **محالة إلى الجهات المختصة — يُرجى عدم الإبلاغ: القضية رقم {$case}**
hold-notice-body = يجري التعامل مع هذا الحساب بالتعاون مع الجهات المختصة. قد يؤدي الإبلاغ عنه إلى تنبيه من يقفون وراءه.
counts-none = لا شيء بعد
decision-reviewed-no-public-action = رُوجعت، دون إجراء علني
board-title = لوحة حالة flagwatch
board-report-now = **أبلِغوا الآن** (الأطول انتظارًا أولًا)
board-nothing = لا شيء للإبلاغ عنه حاليًا.
board-more = {$count ->
    [one] …وقضية أخرى
    [two] …وقضيتان أخريان
    [few] …و{$count} قضايا أخرى
   *[other] …و{$count} قضية أخرى
}
board-cases = القضايا
board-accounts = الحسابات (القضايا المحسومة)
board-last-day = آخر 24 ساعة
board-new-cases = {$count ->
    [zero] لا قضايا جديدة
    [one] قضية جديدة واحدة
    [two] قضيتان جديدتان
    [few] {$count} قضايا جديدة
    [many] {$count} قضية جديدة
   *[other] {$count} قضية جديدة
}
board-decisions = {$count ->
    [zero] لا قرارات
    [one] قرار واحد
    [two] قراران
    [few] {$count} قرارات
    [many] {$count} قرارًا
   *[other] {$count} قرار
}
board-suspensions = {$count ->
    [zero] لا تعليق مؤكَّد
    [one] تعليق واحد مؤكَّد
    [two] تعليقان مؤكَّدان
    [few] {$count} تعليقات مؤكَّدة
    [many] {$count} تعليقًا مؤكَّدًا
   *[other] {$count} تعليق مؤكَّد
}
board-updated = آخر تحديث
digest-heading = **الملخص اليومي** — آخر 24 ساعة
digest-new-reports = • {$count ->
    [zero] لا بلاغات جديدة
    [one] بلاغ جديد واحد
    [two] بلاغان جديدان
    [few] {$count} بلاغات جديدة
    [many] {$count} بلاغًا جديدًا
   *[other] {$count} بلاغ جديد
}
digest-decisions = • القرارات: {$decisions}
digest-suspensions = • {$count ->
    [zero] لا تعليق مؤكَّد
    [one] تعليق واحد مؤكَّد
    [two] تعليقان مؤكَّدان
    [few] {$count} تعليقات مؤكَّدة
    [many] {$count} تعليقًا مؤكَّدًا
   *[other] {$count} تعليق مؤكَّد
}
queue-summary-empty = **قائمة المراجعة**: فارغة. تُنشر بطاقات القضايا الجديدة فورًا.
queue-summary-waiting = **قائمة المراجعة**: {$count ->
    [one] قضية واحدة تنتظر المراجعة.
    [two] قضيتان تنتظران المراجعة.
    [few] {$count} قضايا تنتظر المراجعة.
    [many] {$count} قضية تنتظر المراجعة.
   *[other] {$count} قضية تنتظر المراجعة.
} استخدموا `/queue post` لعرض أقدمها (حتى 5 في كل مرة).

# answers.rs، تنشرها قائمة الإرسال في قناة المراجعة (بلغة الخادم)
delivery-refused = **تعذّر على flagwatch توصيل رسائل إلى {$place}** خلال الساعة الماضية (عددها: {$count}): {$why} (HTTP {$status}، خطأ Discord {$code}). لن يُعاد إرسالها؛ أصلحوا السبب وستُنشر التغييرات التالية.
delivery-missing-permissions = تنقص البوت صلاحيات هناك (العرض، الإرسال، تضمين الروابط، التثبيت، إدارة الرسائل)
delivery-unknown-channel = القناة لم تعد موجودة: عيّنوها مجددًا باستخدام `/setup set`
delivery-rejected-content = رفض Discord محتوى الرسالة
delivery-refused-other = رفضها Discord
moderator-digest-heading = **ملخص المشرفين**
moderator-digest-holds = • إحالات تحين مراجعتها خلال الأيام السبعة القادمة: {$count}
moderator-digest-chain-head = • رأس سلسلة التدقيق: {$head} — احتفظوا بنسخة منه؛ يُظهر الأمر `flagwatch audit verify --guild <id> --expect <head>` ما إذا كان السجل لا يزال يحتويه
moderator-digest-no-events = لا أحداث بعد
overdue-ping = انتهت مدة التصويت على القضية رقم {$case} دون أي صوت. يُرجى مراجعتها.

# labels.rs: أسماء القيم، ورفض تغييرات القضايا والإعدادات
decision-pending = قيد المراجعة
decision-report-now = الإبلاغ الآن
decision-hand-off = محالة إلى الجهات المختصة
decision-dismissed = مرفوضة
decision-withdrawn = مغلقة: سُحبت كل البلاغات
account-unknown = غير معروف
account-active = نشط
account-suspended = معلّق
account-gone = محذوف
refusal-not-pending = لم تعد هذه القضية مفتوحة للتصويت (حالتها: {$decision}): اطلب من أحد المسؤولين إعادة فتحها
refusal-not-held = هذه القضية ليست محالة إلى الجهات المختصة (حالتها: {$decision}): لا يمكن إنهاء الإحالة أو تمديدها إلا للقضايا المحالة
refusal-hold-not-expired = تستمر إحالة هذه القضية حتى {$until}؛ ولم تنتهِ بعد
refusal-not-dismissed = لم تُرفض هذه القضية، لذا لا تعيد البلاغات الجديدة فتحها
refusal-not-withdrawn = لم تُغلق هذه القضية بسحب البلاغات
refusal-already-pending = هذه القضية بانتظار التصويت بالفعل
refusal-already-overdue = هذه القضية مُعلَّمة بالفعل على أنها متأخرة
refusal-already-decided = حُسمت هذه القضية بالفعل: {$decision}
refusal-quorum = يجب أن يكون النصاب بين 1 و25 صوتًا (القيمة المُدخلة: {$got})
refusal-window = يجب أن تكون مدة التصويت بين 10 دقائق و30 يومًا (القيمة المُدخلة بالدقائق: {$got})
refusal-hold-days = يجب أن تدوم الإحالة بين يوم واحد و365 يومًا (القيمة المُدخلة: {$got})
refusal-batch-size = تضم الدفعة من 1 إلى {$max} حسابات (القيمة المُدخلة: {$got})
refusal-pace = يجب أن تكون قيمة next_per_hour بين 1 و{$max} (القيمة المُدخلة: {$got})
permission-view = عرض القناة
permission-send = إرسال الرسائل
permission-embed = تضمين الروابط
permission-pin = تثبيت الرسائل (إدارة الرسائل)
permission-manage-messages = إدارة الرسائل
channel-review = قناة المراجعة
channel-coordination = قناة التنسيق
platform-web = موقع ويب

# answers.rs: الرفض والأخطاء (بلغة العضو)
denied-not-a-slash-command = لا يستجيب flagwatch إلا للأوامر المائلة (/).
denied-outside-server = تعمل أوامر flagwatch داخل خادم فقط.
denied-button-outside-server = يعمل هذا الزر داخل خادم فقط.
denied-vote-outside-server = يجري التصويت داخل خادم فقط.
denied-reporter-role-only = لا يمكن القيام بهذا على هذا الخادم إلا للأعضاء الذين لديهم دور المبلّغ.
denied-moderators-only = هذا للمشرفين فقط.
denied-liaisons-only = هذا لمسؤولي الاتصال بالجهات المختصة فقط (دور الاتصال المحدد في /setup).
denied-admins-only = هذا لمسؤولي الخادم فقط (صلاحية إدارة الخادم).
denied-not-a-moderator-vote = لا يصوّت على القضايا إلا المشرفون. لم تُسجَّل ضغطتك.
denied-setup-admins-only = لا يمكن تغيير إعدادات flagwatch إلا لمسؤولي الخادم (صلاحية إدارة الخادم).
denied-setup-viewers-only = لا يمكن الاطلاع على إعدادات flagwatch إلا لمسؤولي الخادم ومشرفيه.
denied-no-permission = ليست لديك صلاحية استخدام هذا الأمر.
denied-stale-button = هذا الزر لم يعد مستخدمًا.
not-set-up = لم يُعدّ flagwatch على هذا الخادم بعد. يجب أن يشغّل أحد مسؤولي الخادم الأمر `/setup set` مع: {$missing}.
internal-error = حدث خطأ من جهتنا ولم يتغير شيء. يُرجى المحاولة مجددًا بعد دقيقة.
unreadable-option = تعذّرت عليّ قراءة الخيار {$option}: {$error}. يُرجى التحقق منه والمحاولة مجددًا.
options-out-of-date = تعذّرت عليّ قراءة خيارات هذا الأمر؛ ربما تكون قائمة الأوامر قديمة. يُرجى المحاولة مجددًا بعد دقيقة.
direct-message = تعمل أوامر flagwatch داخل خادم، لا في الرسائل الخاصة.
no-such-case = لا توجد قضية برقم {$case} على هذا الخادم.
case-changed-meanwhile = تغيّرت القضية أثناء تطبيق هذا الإجراء. يُرجى الاطلاع عليها مجددًا وإعادة المحاولة.
nothing-changed = لم يتغير شيء.
setting-out-of-range = يجب أن تكون قيمة {$name} بين {$min} و{$max} (القيمة المُدخلة: {$value}). لم يتغير شيء.
missing-text = يُرجى ملء الخيار «{$option}».
missing-field = يُرجى إدخال الخيار «{$option}».
nothing-filed = لم يُسجَّل أي بلاغ.
intake-too-new = يمكن للأعضاء الجدد الإبلاغ بعد مرور مدة من انضمامهم إلى هذا الخادم (بالساعات: {$hours}). يمكنك الإبلاغ ابتداءً من {$at} ({$when}).
intake-report-limit = بلغت حد البلاغات على هذا الخادم (الحد: {$limit} · المدة بالدقائق: {$minutes}). يمكنك الإبلاغ مجددًا {$when}.
intake-press-limit = بلغت حد استخدام هذه الأزرار على هذا الخادم (الحد: {$limit} · المدة بالدقائق: {$minutes}). لم تُسجَّل ضغطتك؛ يمكنك الضغط مجددًا {$when}.

# answers.rs: /status
no-case-for = لا توجد قضية للحساب {$key} بعد. إذا كان ينشر محتوى متطرفًا، فاستخدم /report.
account-or-case = أدخل إما `account` (رابطًا أو @اسم مستخدم) أو `case` (رقم قضية)، لا كليهما.
no-public-action = لا يوجد إجراء علني للقضية رقم {$case}.
status-head = القضية رقم {$case} — {$key}
status-pending = يراجعها المشرفون. يُرجى انتظار قرارهم قبل الإبلاغ عنها على المنصة.
status-report-now = قرّر المجتمع **الإبلاغ عنه الآن**: اتبع الدعوة إلى الإبلاغ في قناة التنسيق.
status-withdrawn = مغلقة: سُحبت كل البلاغات عنه قبل اتخاذ قرار.
status-account-seen = آخر حالة معروفة للحساب: {$status}.
status-held-until = محالة إلى الجهات المختصة حتى {$until}
status-see-case-show = استخدم `/case show` للاطلاع على البلاغات والأصوات والسجل.
decision-line = القرار: **{$decision}** (الجولة {$round}) · الحساب: {$status}

# answers.rs: الأزرار
press-call-withdrawn = سُحبت الدعوة إلى الإبلاغ عن القضية رقم {$case}: يُرجى عدم اتخاذ أي إجراء بشأنها.
press-reported-it = شكرًا لك — احتُسب بلاغك مرة واحدة. {$count ->
    [zero] لم يُبلغ أي متطوع عن القضية رقم {$case} حتى الآن.
    [one] أبلغ متطوع واحد عن القضية رقم {$case} حتى الآن.
    [two] أبلغ متطوعان عن القضية رقم {$case} حتى الآن.
    [few] أبلغ {$count} متطوعين عن القضية رقم {$case} حتى الآن.
    [many] أبلغ {$count} متطوعًا عن القضية رقم {$case} حتى الآن.
   *[other] أبلغ {$count} متطوع عن القضية رقم {$case} حتى الآن.
}
press-still-up = شكرًا — عُلّمت القضية رقم {$case} على أن الحساب لا يزال متاحًا.
press-confirmed-suspended = شكرًا — تأكّد تعليق الحساب في القضية رقم {$case}.
press-suspension-needs-confirmation = شكرًا، سُجّلت ملاحظتك. ستظهر القضية رقم {$case} على أنها معلّقة حين يؤكد ذلك عضو آخر (أو مشرف).
vote-refused = القضية رقم {$case}: {$why}. لم يُسجَّل صوتك.
vote-decided = حسم صوتك ({$vote}) القضية رقم {$case}: {$decision}.
vote-recorded = سُجّل صوتك على القضية رقم {$case}: {$vote}. يمكنك تغييره حتى تُغلق الجولة.

# answers.rs: المشرفون ومسؤولو الاتصال
note-added = أُضيفت ملاحظة إلى القضية رقم {$case}.
case-reopened = القضية رقم {$case} مفتوحة لتصويت جديد (الجولة {$round}).
case-overridden = حُسمت القضية رقم {$case} الآن: {$decision}.
referral-recorded = سُجّلت الإحالة في القضية رقم {$case}.
hold-extended = القضية رقم {$case} محالة الآن حتى {$until}.
hold-released = أُنهيت إحالة القضية رقم {$case}: تُنشر الآن دعوتها إلى الإبلاغ.
queue-empty = قائمة المراجعة فارغة.
queue-posted = تُنشر الآن البطاقات ({$count}): {$numbers}. القضايا التي لا تزال تنتظر في القائمة: {$left}.
exported = {$count ->
    [zero] لم تُصدَّر أي قضية.
    [one] صُدّرت قضية واحدة.
    [two] صُدّرت قضيتان.
    [few] صُدّرت {$count} قضايا.
    [many] صُدّرت {$count} قضية.
   *[other] صُدّرت {$count} قضية.
}
exported-pulls = آخر عمليات السحب من موجز TAXII:
exported-pull-objects = عدد الكائنات: {$count}
forgotten = تم: أُزيلت هويتك من بلاغاتك على هذا الخادم (عددها: {$count}). لا تزال تُحتسب، لكن لا يمكن لأحد أن يعرف أنها منك.

# answers.rs: /import
import-too-large = هذا الملف أكبر من 25 ميبيبايت: قسّم القائمة واستورد أجزاءها.
import-unreadable = تعذّرت عليّ قراءة الملف ({$why}). يُرجى إرفاقه مجددًا.
download-not-a-link = ليس رابطًا صالحًا
download-not-discord = ليس على مضيف مرفقات Discord
download-failed = فشل التنزيل: {$detail}
download-too-large = أكبر من الحد الأقصى (بالميبيبايت: {$mib})
importing = جارٍ استيراد {$file}…
importing-lines = جارٍ استيراد {$file}… عدد الأسطر حتى الآن: {$lines}.
imported = اكتمل الاستيراد — الأسطر: {$lines}، قضايا جديدة: {$new}، مدمجة: {$merged}، مرفوضة: {$rejected}. تنتظر القضايا الجديدة في قائمة المراجعة (`/queue post`).
imported-rejected-line = السطر {$line}: {$why}
imported-more-rejected = …وأسطر مرفوضة أخرى: {$count}.

# answers.rs: /setup
setup-saved = حُفظت الإعدادات.
setting-not-set = غير محدد
setting-everyone-reports = يمكن للجميع الإبلاغ
setting-on = مفعّل
setting-off = معطّل
settings-review-channel = قناة المراجعة: {$value}
settings-coordination-channel = قناة التنسيق: {$value}
settings-moderator-role = دور المشرفين: {$value}
settings-liaison-role = دور مسؤولي الاتصال: {$value}
settings-reporter-role = دور المبلّغين: {$value}
settings-policy = النصاب: {$quorum} · مدة التصويت بالدقائق: {$window} · مدة الإحالة بالأيام: {$holds} · المنصة الافتراضية: {$platform}
settings-intake = إشعارات الإحالة العلنية: {$notices} · الملخص: {$digest} · حد البلاغات: {$limit} · مدة الحد بالدقائق: {$minutes} · الحد الأدنى لمدة العضوية بالساعات: {$hours}
settings-next = /next: الحد الأقصى للحسابات لكل عضو في الساعة: {$pace} · اللغة: {$language}
settings-public-page = الصفحة العامة: {$value}
settings-public-page-on = مفعّلة، على /{$slug}/ في عنوان الويب الخاص بالبوت
settings-still-needed = لا يزال مطلوبًا قبل أن يتمكن الأعضاء من الإبلاغ: {$missing}.
channels-all-well = يستطيع البوت عرض الرسائل وإرسالها وتضمين الروابط وتثبيتها وإدارتها في القنوات المعيّنة.
channel-unreadable = لا يستطيع البوت رؤية {$what} {$channel}: امنح دوره صلاحية «عرض القناة» هناك، أو اختر قناة أخرى.
channel-review-public = قناة المراجعة {$channel} مرئية لـ @everyone: ستصبح الحسابات قيد المراجعة وحصيلة الأصوات علنية. امنع «عرض القناة» عن @everyone هناك واسمح به لدور المشرفين.
channel-missing-permissions = تنقص البوت في {$what} {$channel} الصلاحيات التالية: {$permissions}. اسمح بها لدوره في صلاحيات القناة.
channels-check-failed = تعذّر التحقق من صلاحيات البوت في القنوات المعيّنة الآن؛ شغّل /setup show مجددًا لاحقًا.

# answers.rs: /case show
details-reports = **البلاغات ({$count})**
details-anonymous = مبلّغ مجهول
details-imported = استيراد
details-evidence = الأدلة: {$count}
details-votes = **أصوات هذه الجولة**
details-notes = **الملاحظات**
details-history = **السجل (الأحدث أولًا)**
details-not-recorded = غير مسجّلة
details-held = محالة حتى {$until} · الجهة: {$agency} · المرجع: {$reference}
also-known-as = يُعرف أيضًا بـ: {$keys}

# campaign.rs: /next و/myreports و/withdraw و/case alias add و/reporter
next-nothing = لا شيء لتبلغ عنه الآن: أبلغت عن كل الدعوات المفتوحة، أو يعمل آخرون على البقية. حاول مجددًا لاحقًا.
next-title = حساباتك التالية للإبلاغ عنها
next-description = أبلغ عن كل حساب على منصته، ثم اضغط زره هنا. لا تتعجل: تعلّق المنصات الحسابات التي تُبلغ بكثرة في وقت قصير.
next-field = القضية رقم {$case} — {$platform}
next-button = أبلغتُ عن رقم {$case}
next-paced = بلغت وتيرة هذا الخادم خلال الساعة الماضية (الحسابات التي تلقيتها: {$pace}): تعلّق المنصات الحسابات التي تُبلغ بكثرة في وقت قصير. يمكنك طلب المزيد {$when}.
mine-none = لم تقدّم أي بلاغ على هذا الخادم.
mine-heading = **بلاغاتك** (الأحدث أولًا)
mine-line = • رقم {$case} {$key} — {$state} · قُدّم {$filed}
mine-withdraw-button = سحب رقم {$case}
mine-state-withdrawn = سحبت بلاغك
mine-state-reviewed = رُوجع: يُرجى عدم الإبلاغ عنه
mine-state-withdrawable = بانتظار المراجعة (يمكنك سحبه)
mine-state-suspended = أُبلغ عنه؛ تأكّد تعليق الحساب
mine-state-report-now = أبلِغوا الآن: راجع الدعوة إلى الإبلاغ
mine-state-closed = مغلقة: سُحبت كل البلاغات
mine-state-awaiting = بانتظار المراجعة
withdrawn-closed = سُحب بلاغك على القضية رقم {$case}. كان آخر بلاغ في القضية، لذا أُغلقت.
withdrawn = سُحب بلاغك على القضية رقم {$case}؛ لم يعد يُحتسب في أعدادها.
withdraw-reviewed = رُوجعت القضية رقم {$case} بالفعل، لذا يبقى بلاغك. لا يمكن سحب البلاغات إلا ما دامت القضية بانتظار المراجعة.
withdraw-already = سبق أن سحبت بلاغك على القضية رقم {$case}.
withdraw-no-report = ليس لديك بلاغ على القضية رقم {$case} لتسحبه. يعرض `/myreports` بلاغاتك.
alias-added = صارت القضية رقم {$case} تُعرف أيضًا بـ {$alias}: البلاغات وطلبات `/status` بهذه الصيغة تصل إليها.
alias-other-platform = القضية رقم {$case} على {$case_platform} وذلك الرابط على {$alias_platform}؛ يجب أن يكون الاسم البديل للحساب نفسه على المنصة نفسها.
alias-already = للقضية رقم {$case} هذا المفتاح بالفعل؛ لا شيء لإضافته.
alias-taken = هذا الحساب يخص القضية رقم {$owner} بالفعل، لذا لا يمكن أن يكون أيضًا اسمًا بديلًا للقضية رقم {$case}. إذا كانت القضيتان للحساب نفسه، فادمجهما باستخدام `/case merge`.
reporter-none = ليس لـ {$member} أي بلاغات على هذا الخادم (البلاغات المسحوبة لا تُحتسب).
reporter-heading = **المبلّغ {$member}**
reporter-reports = البلاغات: {$reports} · القضايا: {$cases}
reporter-outcomes = النتائج — الإبلاغ الآن: {$report_now} (تعليق مؤكَّد: {$suspended}) · محالة: {$held} · مرفوضة: {$dismissed}
reporter-dates = أول بلاغ: {$first} · آخر بلاغ: {$last}
reporter-muted = كُتم {$member} حتى يُلغى كتمه: لا تزال بلاغاته تُقبل وتُحفظ، لكنها لا تفتح أي قضية ولا تُحتسب في شيء. لا يُبلَّغ بذلك.
reporter-muted-until = كُتم {$member} حتى {$until}: لا تزال بلاغاته تُقبل وتُحفظ، لكنها لا تفتح أي قضية ولا تُحتسب في شيء. لا يُبلَّغ بذلك.
reporter-unmuted = لم يعد {$member} مكتومًا: تُحتسب بلاغاته من الآن فصاعدًا. تبقى البلاغات المقدَّمة أثناء الكتم غير محتسبة.
reporter-not-muted = {$member} ليس مكتومًا؛ لم يتغير شيء.

# rejections.rs: سبب رفض مفتاح حساب أو سطر استيراد
key-any-forms = الصق رابط ملف شخصي (مثل https://x.com/<handle>) أو @اسم المستخدم
key-empty = لم يُدخل أي حساب: {$forms}
key-too-long = هذا أطول من 2048 حرفًا، وهو طويل جدًا ليكون حسابًا: {$forms}
key-control = يحتوي هذا على أحرف تحكم (مثل فاصل أسطر أو مسافة جدولة): {$forms}، واحدًا في كل مرة
key-scheme = روابط «{$scheme}:» غير مقبولة، تُقبل روابط http:// وhttps:// فقط: {$forms}
key-invalid-link = هذا ليس رابطًا صالحًا: {$forms}
key-userinfo = الروابط التي تحتوي على اسم قبل المضيف (name@host) غير مقبولة، لأنها قد تخفي وجهتها الحقيقية: {$forms}
key-unknown-platform = «{$given}» ليست منصة يعرفها هذا البوت: استخدم إحدى هذه المنصات: {$platforms}
key-web-needs-link = لا يمكن لاسم مجرد أن يكون حسابًا على موقع ويب: الصق {$forms}، أو اختر المنصة التي يوجد عليها الاسم
key-missing-account = رابط {$platform} هذا لا يشير إلى حساب: الصق رابط الملف الشخصي ({$forms})
key-not-an-account = {$page} {$why}: الصق رابط الملف الشخصي بدلًا منه ({$forms})
key-invalid-name = «{$given}» ليس {$rule} صالحًا: الصق {$forms}
key-invalid-stored = «{$key}» ليس مفتاح حساب مخزّنًا صالحًا (الصيغة المتوقعة <platform>:<id>، مثل x:jack)
forms-x = x.com/<handle> أو @handle
forms-telegram = t.me/<username> أو t.me/+<invite code> أو @username
forms-facebook = facebook.com/<username> أو facebook.com/profile.php?id=<number>
forms-instagram = instagram.com/<username> أو @username
forms-youtube = youtube.com/@<handle> أو youtube.com/channel/UC… أو youtube.com/c/<name> أو youtube.com/user/<name>
forms-tiktok = tiktok.com/@<username> أو @username
forms-reddit = reddit.com/user/<username> أو u/<username>
forms-web = رابطًا كاملًا مثل https://example.com/page
not-account-page = ليست صفحة حساب
not-account-post = رابط منشور ولا يشير إلى الحساب
not-account-video = رابط فيديو ولا يشير إلى القناة
not-account-short-link = رابط مختصر لا يستطيع البوت فتحه (افتحه في متصفح لترى الحساب)
not-account-community = مجتمع (subreddit)، وليس حسابًا
name-x-handle = اسم مستخدم على X (من 1 إلى 15 حرفًا أو رقمًا أو _)
name-telegram-username = اسم مستخدم على Telegram (من 5 إلى 32 حرفًا أو رقمًا أو _، يبدأ بحرف)
name-telegram-invite = رمز دعوة Telegram (حتى 64 حرفًا أو رقمًا أو _ أو -)
name-facebook-username = اسم مستخدم على Facebook (5 أحرف أو أرقام على الأقل؛ النقاط لا تُحتسب)
name-facebook-number = رقم ملف شخصي على Facebook (من 1 إلى 20 رقمًا)
name-instagram-username = اسم مستخدم على Instagram (من 1 إلى 30 حرفًا أو رقمًا أو . أو _)
name-youtube-handle = معرّف YouTube (من 3 إلى 30 حرفًا أو رقمًا أو _ أو - أو .)
name-youtube-channel = معرّف قناة YouTube (UC يليها 22 حرفًا أو رقمًا أو _ أو -)
name-youtube-custom-name = اسم قناة YouTube (من 1 إلى 100 حرف أو رقم أو _ أو - أو .)
name-youtube-user-name = اسم مستخدم YouTube (من 1 إلى 100 حرف أو رقم أو _ أو - أو .)
name-tiktok-username = اسم مستخدم على TikTok (من 2 إلى 24 حرفًا أو رقمًا أو . أو _)
name-reddit-username = اسم مستخدم على Reddit (من 3 إلى 20 حرفًا أو رقمًا أو _ أو -)
import-no-account = عمود الحساب فارغ
import-unknown-reason = «{$value}» ليس سببًا معروفًا: استخدم أحد هذه الأسباب: {$accepted}

reason-propaganda = دعاية
reason-recruitment = تجنيد
reason-incitement = تحريض على العنف
reason-financing = تمويل
reason-threat = تهديد
reason-other = أخرى

vote-report-now = الإبلاغ الآن
vote-hand-off = الإحالة إلى الجهات المختصة
vote-dismiss = رفض

card-title = القضية رقم {$case} — {$key}
card-reporters-recent = {$reporters} ({$recent ->
    [zero] لا أحد انضم خلال الأسبوع الماضي
    [one] واحد انضم خلال الأسبوع الماضي
    [two] اثنان انضما خلال الأسبوع الماضي
    [few] {$recent} انضموا خلال الأسبوع الماضي
    [many] {$recent} انضموا خلال الأسبوع الماضي
   *[other] {$recent} انضموا خلال الأسبوع الماضي
})
card-platform = المنصة
card-reasons = الأسباب
card-reporters = المبلّغون
card-track-record = سجل المبلّغين
card-evidence = الأدلة
card-opened = فُتحت
card-latest-details = آخر التفاصيل
card-votes = الأصوات (الجولة {$round})

# /case merge (issue 11)
case-merged-into = **دُمجت في القضية رقم {$case}** — بلاغاتها وملاحظاتها ومفاتيحها موجودة هناك الآن.
merge-done = دُمجت القضية رقم {$from} في القضية رقم {$into}: بلاغاتها وأدلتها وملاحظاتها ومفاتيحها موجودة الآن في القضية رقم {$into}، وستصل إليها البلاغات اللاحقة عن هذا الحساب.
merge-refused-same = لا يمكن دمج قضية في نفسها: أدخل رقمَي قضيتين مختلفتين (`from` هي القضية التي تُدمج، و`into` هي التي تبقى).
merge-refused-platform = القضية رقم {$from} على {$from_platform} والقضية رقم {$into} على {$into_platform}: لا يمكن أن تُدمج إلا قضايا الحساب نفسه على المنصة نفسها.
merge-refused-merged = سبق دمج القضية رقم {$case} في قضية أخرى. استخدم القضية التي دُمجت فيها (يذكرها الأمر `/case show {$case}`).

## Re-checks in /next, import ids and /queue dismiss-all (issue 11)
next-recheck-title = القضية رقم {$case} — {$platform}: هل ما زال موقوفًا؟
next-recheck-body = تأكد إيقافه {$since}. قد تتراجع المنصات عن الإيقاف: افتحوا الرابط وأخبرونا بما ترونه.
next-recheck-still = رقم {$case} ما زال موقوفًا
next-recheck-back = رقم {$case} عاد
recheck-still = شكرًا: تبقى القضية رقم {$case} معلَّمة كحساب موقوف. سيُسأل المتطوعون مجددًا بعد {$days} يومًا.
recheck-back = شكرًا: أصبحت القضية رقم {$case} نشطة من جديد، وعادت دعوة الإبلاغ عنها.
recheck-back-noted = شكرًا، سُجّلت إجابتك عن القضية رقم {$case}. ستعود دعوة الإبلاغ عنها حين يرى متطوع آخر أو مشرف أن الحساب عاد.
recheck-not-suspended = لم تعد القضية رقم {$case} معلَّمة كحساب موقوف: دعوة الإبلاغ عنها منشورة.
setup-recheck-days = إعادة التحقق: يعود الإيقاف إلى /next بعد {$days} يومًا
recheck-days-refused = يجب أن تكون قيمة recheck_days بين {$min} و{$max} يومًا (القيمة المعطاة {$value})
import-named = الاستيراد رقم {$import} — لرفض ما تركه في الانتظار: `/queue dismiss-all` مع الخيار source = {$import}.
queue-from-import = رقم {$case} من الاستيراد رقم {$import}
dismiss-all-done = الاستيراد رقم {$import}: القضايا المرفوضة: {$count}. أُغلقت تصويتاتها المفتوحة وحُدّثت بطاقاتها.
dismiss-all-skipped = تُركت للمراجعة لأن أعضاء أبلغوا عنها أيضًا عبر /report: {$skipped}.
dismiss-all-nothing = لا توجد في الاستيراد رقم {$import} قضية تنتظر قرارًا: لم يُرفض شيء.
dismiss-all-unknown = لا يوجد في هذا الخادم استيراد رقم {$import}. يذكر ملخص كل استيراد رقمه.

## القضايا المدمجة، ويوم الملخص الأسبوعي
decision-merged = مدمجة في قضية أخرى
refusal-merged = دُمجت هذه القضية في قضية أخرى؛ تصرّفوا في تلك القضية بدلًا منها
settings-weekly-chart = في كل يوم {$day} يتضمن الملخص الرسم البياني لآخر 30 يومًا.
weekday-monday = الاثنين
weekday-tuesday = الثلاثاء
weekday-wednesday = الأربعاء
weekday-thursday = الخميس
weekday-friday = الجمعة
weekday-saturday = السبت
weekday-sunday = الأحد
