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
