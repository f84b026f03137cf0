# الصفحة العامة وموجزها ورسومها البيانية، باللغة العربية.

page-title = حسابات للإبلاغ عنها
page-totals = {$up} لا يزال متاحًا · {$suspended ->
    [zero] لا يوجد تعليق مؤكَّد
    [one] تعليق مؤكَّد واحد
    [two] تعليقان مؤكَّدان
    [few] {$suspended} تعليقات مؤكَّدة
    [many] {$suspended} تعليقًا مؤكَّدًا
   *[other] {$suspended} تعليق مؤكَّد
}
page-empty = لا يوجد حساب يحتاج إلى الإبلاغ عنه الآن. شكرًا لكم.
page-col-case = القضية
page-col-link = الرابط
page-col-platform = المنصة
page-col-reason = السبب
page-col-reported-by = أبلغ عنه
page-col-waiting = مدة الانتظار
page-of = الصفحة {$page} من {$pages}
page-previous = السابقة
page-next = التالية
page-how-to-report = كيفية الإبلاغ
page-last-days = آخر 30 يومًا
page-median = الوقت الوسيط بين البلاغ والقرار: {$time}
page-col-day = اليوم
page-col-new = جديدة
page-col-decided = تقرَّر
page-col-still-up = لا يزال متاحًا
page-col-suspended = معلّق
page-confirmed-suspended = تعليقات مؤكَّدة
page-all-accounts = كل الحسابات
page-aliases = يُعرف أيضًا بـ:
page-feed = تابعوا عبر قارئ الموجزات (Atom)
page-case-title = القضية رقم {$case}
page-case-suspended = تعليق مؤكَّد: لا حاجة إلى مزيد من البلاغات.
page-case-reported = {$volunteers ->
    [zero] لم يُبلغ عنه أي متطوع
    [one] أبلغ عنه متطوع واحد
    [two] أبلغ عنه متطوعان
    [few] أبلغ عنه {$volunteers} متطوعين
    [many] أبلغ عنه {$volunteers} متطوعًا
   *[other] أبلغ عنه {$volunteers} متطوع
} · ينتظر منذ {$time}
page-hours = {$hours} ساعة
page-days = {$days ->
    [zero] {$days} يوم
    [one] يوم واحد
    [two] يومان
    [few] {$days} أيام
    [many] {$days} يومًا
   *[other] {$days} يوم
}
page-not-found = الصفحة غير موجودة
chart-activity = القضايا الجديدة والقرارات في كل يوم
chart-status = الحسابات التي لا تزال متاحة والتعليقات المؤكَّدة
chart-decision-time = الوقت الوسيط بالساعات بين البلاغ والقرار، حسب يوم القرار
series-opened = قضايا جديدة للإبلاغ
series-decided = قرارات بالإبلاغ
series-still-up = لا يزال متاحًا
series-suspended = تعليق مؤكَّد
series-hours-to-decision = الوقت الوسيط حتى القرار (بالساعات)
feed-title = حسابات للإبلاغ عنها
feed-entry-title = القضية رقم {$case}: {$key}
digest-chart = مرفق: القضايا الجديدة للإبلاغ (بالأزرق) وقرارات الإبلاغ (بالبرتقالي) في كل يوم خلال آخر 30 يومًا.
