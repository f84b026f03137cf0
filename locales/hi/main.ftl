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
