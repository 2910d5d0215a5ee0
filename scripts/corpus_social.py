"""Hand-written support tweet threads and tokenizer torture tests.

TWEET_THREADS: (brand account, [("c"|"b", text)]) — "c" customer, "b" brand.
{brand} becomes @Brand, {cust} becomes the customer's @id.
Written by the Temper developers; no text copied from public datasets.
"""

TWEET_THREADS = [
    ("AcmeSupport", [
        ("c", "{brand} my order was supposed to arrive yesterday and tracking hasn't moved in 4 days. #A33810294"),
        ("b", "{cust} Sorry about that! Could you DM us the email on the order so we can check with the courier? ^AR"),
        ("c", "{brand} sent"),
        ("b", "{cust} Thanks, we've replied in DM. It's at the local depot and out for delivery tomorrow 📦 ^AR"),
        ("c", "{brand} got it this morning, thanks!"),
    ]),
    ("AcmeSupport", [
        ("c", "{brand} 3rd time asking. WHERE IS MY REFUND. 21 days. #nothappy"),
        ("b", "{cust} We're sorry for the wait. Please DM us your order number and we'll look into it right away. ^PN"),
        ("c", "{brand} I've DMed you 3 times already. Read them."),
        ("c", "{brand} actually forget it, I'm disputing it with my bank. Never ordering again."),
        ("b", "{cust} We completely understand. We've found your DMs and escalated the refund; you'll hear from us today. ^PN"),
    ]),
    ("NimbusAir", [
        ("c", "{brand} flight NB422 delayed 3 hours, no announcement, no staff at the gate. What is going on?"),
        ("b", "{cust} Hi, we're sorry. NB422 is delayed due to a late inbound aircraft. Current departure is 18:45. ^JM"),
        ("c", "{brand} and the connection in Madrid? I'll miss it."),
        ("b", "{cust} We've protected you on the 21:10 connection, the new boarding pass is in the app. ^JM"),
        ("c", "{brand} ok, thank you for actually sorting it"),
    ]),
    ("VoltMobile", [
        ("c", "{brand} no signal at all in Hackney since this morning. Outage??"),
        ("b", "{cust} Hey! Yes, there's a mast issue in E8, engineers are on site. Should be back by 4pm. ^TB"),
        ("c", "{brand} cheers for the quick reply 👍"),
    ]),
    ("AcmeSupport", [
        ("c", "Shoutout to {brand}, Kenji fixed my router in 10 minutes after 2 weeks of dropouts 🙌"),
        ("b", "{cust} Thank you! We'll pass this on to Kenji, he'll be thrilled 😊 ^LV"),
    ]),
    ("AcmeSupport", [
        ("c", "{brand} is the app down? can't log in, keeps saying 'something went wrong'"),
        ("b", "{cust} Hi! We're seeing some login issues right now and the team is working on it. Sorry for the hassle! ^SO"),
        ("c", "{brand} ok thx"),
        ("b", "{cust} It should be working again now, could you give it another go? ^SO"),
        ("c", "{brand} yep works"),
    ]),
    ("NimbusAir", [
        ("c", "{brand} Lost my bag on the way to Lisbon. 2 days. Nobody answers the baggage line. I have no clothes for the conference tomorrow."),
        ("b", "{cust} We're really sorry. Please DM your file reference (e.g. LISNB12345) so we can chase it. ^CD"),
        ("c", "{brand} LISNB40871"),
        ("b", "{cust} Thanks. The bag is in Frankfurt and on tonight's last flight, it'll be delivered to your hotel by 10am. Please keep receipts for essentials. ^CD"),
        ("c", "{brand} it didn't come. I'm at the conference in yesterday's shirt. Great."),
        ("c", "{brand} and now the baggage tracker says 'closed'?? my bag is NOT here"),
        ("b", "{cust} That's not acceptable and we apologise. A courier is collecting it from the airport now; I'll follow up personally. ^CD"),
    ]),
    ("VoltMobile", [
        ("c", "{brand} you charged me £45 roaming in France. I have an EU roaming bundle. Fix it or I'm porting to Stark Mobile"),
        ("b", "{cust} Sorry about that! Can you DM us the number and the date of the charge? ^MK"),
        ("c", "{brand} done"),
        ("b", "{cust} Thanks! The bundle hadn't been applied correctly, we've refunded the £45 to your next bill. ^MK"),
        ("c", "{brand} appreciated. staying then 😅"),
    ]),
    ("AcmeSupport", [
        ("c", "Posting this because nobody at {brand} replies: double charged £89.99, chat closed on me twice, email no reply in 5 days. #AcmeFail"),
        ("b", "{cust} We're sorry, that's not the experience we want. Could you DM us so we can sort this today? ^DW"),
        ("c", "{brand} DM sent. Clock's ticking."),
    ]),
    ("AcmeSupport", [
        ("c", "{brand} hi, do you ship to Ireland? Couldn't find it on the site"),
        ("b", "{cust} Hi! Yes, we ship to Ireland, 3-5 working days and free over €50 🇮🇪 ^TB"),
    ]),
    ("NimbusAir", [
        ("c", "Cancelled AGAIN {brand}. That's two cancellations in one trip. Never flying with you again."),
        ("b", "{cust} We're very sorry. You're entitled to a refund or rebooking, and compensation under EU261. DM us and we'll start the claim. ^JM"),
        ("c", "{brand} refund and compensation please. and I'd like it in writing."),
    ]),
    ("VoltMobile", [
        ("c", "{brand} great, another 2 hours on hold. thanks a lot 🙃"),
        ("b", "{cust} Sorry for the long wait today, we're busier than usual. Can we help here instead? ^RA"),
        ("c", "{brand} need a PAC code. that's it. 2 hours for a PAC code."),
        ("b", "{cust} We've sent it to your number by SMS, it's valid for 30 days. Sorry to see you go. ^RA"),
    ]),
    ("AcmeSupport", [
        ("c", "{brand} thank you for the replacement espresso machine, it arrived in 1 day!! best coffee of my life ☕❤️"),
        ("b", "{cust} Enjoy! ☕ ^AR"),
    ]),
    ("AcmeSupport", [
        ("c", "{brand} your delivery driver threw my parcel over the gate. It's a monitor. I have the doorbell video."),
        ("b", "{cust} That's not okay, we're sorry. Please DM your order number and the video if you can. ^TB"),
        ("c", "{brand} DMed. the screen is cracked obviously"),
        ("b", "{cust} Thank you. A replacement ships today with a signature required, and we've reported the driver to the courier. ^TB"),
    ]),
    ("NimbusAir", [
        ("c", "{brand} is it possible to add a bag after booking? Booking ref QX7T2L"),
        ("b", "{cust} Yes! Go to Manage Booking > Extras, it's cheaper online than at the airport. ^CD"),
        ("c", "{brand} done, thanks"),
    ]),
    ("VoltMobile", [
        ("c", "{brand} I would never switch, you've been great for 6 years, but why has my bill gone up £4?"),
        ("b", "{cust} Thanks for being with us so long! The annual price change was on 1 Oct. Let's see if there's a better plan for you, DM us? ^MK"),
        ("c", "{brand} sure 👍"),
    ]),
    ("AcmeSupport", [
        ("c", "{brand} 5th chat this week about my broken thermostat. Each agent tells me something different. If it's not fixed by Friday I'm reporting you to the ombudsman."),
        ("b", "{cust} We're sorry you've had to chase us. I've asked a team lead to call you today; could you DM your number? ^LV"),
        ("c", "{brand} it's in your system. five times."),
        ("b", "{cust} Understood, we've found it. Omar from our escalations team will call you before 5pm. ^LV"),
        ("c", "{brand} he called. engineer booked for tomorrow. thank you Omar."),
    ]),
    ("AcmeSupport", [
        ("c", "@AcmeHelp {brand} which account do I even contact? Need a VAT invoice for order 88190"),
        ("b", "{cust} Right here! You can download VAT invoices from Account > Orders > Invoice, or DM us the company details and we'll send one. ^DW"),
        ("c", "{brand} found it, thanks"),
    ]),
    ("NimbusAir", [
        ("c", "The crew on {brand} NB118 today were amazing with my anxious 4 year old. Thank you Sofia and Marek! 💙"),
        ("b", "{cust} This is lovely to hear, we'll make sure Sofia and Marek see it! ^JM"),
    ]),
    ("VoltMobile", [
        ("c", "{brand} why is my 5G slower than my 4G was lol"),
        ("b", "{cust} Hmm, that's not right. What speeds are you getting and roughly where? ^RA"),
        ("c", "{brand} 3 Mbps in Leeds city centre, every evening"),
        ("b", "{cust} Thanks. We're upgrading capacity on that site this month; speeds should improve by the 20th. ^RA"),
        ("c", "{brand} the 20th?? I pay for 5G now, not on the 20th"),
    ]),
    ("AcmeSupport", [
        ("c", "{brand} ordered a black chair, got a pink one 😂 not mad, just confused"),
        ("b", "{cust} Oops! 😅 DM us the order number and we'll swap it, no need to repack the pink one until the courier collects. ^AR"),
        ("c", "{brand} legends"),
    ]),
    ("AcmeSupport", [
        ("c", "{brand} @AcmeCEO 40 minutes on chat, then 'agent disconnected'. Screenshots on my blog tomorrow. 1 star everywhere."),
        ("b", "{cust} We're really sorry about the disconnection. We'd like to fix this now, could you DM us? ^SO"),
    ]),
    ("NimbusAir", [
        ("c", "{brand} the website won't let me check in, error 'PNR locked'"),
        ("b", "{cust} Sorry about that! That usually means the booking was changed recently. DM the reference and we'll unlock it. ^CD"),
        ("c", "{brand} sent!"),
        ("b", "{cust} All done, you can check in now. Have a great flight ✈️ ^CD"),
        ("c", "{brand} worked, thank you!!"),
    ]),
    ("VoltMobile", [
        ("c", "{brand} my lawyer is going to love your 'unlimited' data that gets throttled after 20GB"),
        ("b", "{cust} We understand the frustration. The fair use policy is in section 4 of the plan terms, but we'd like to look at your usage with you. DM us? ^MK"),
        ("c", "{brand} no. I'll see you in small claims."),
    ]),
    ("AcmeSupport", [
        ("c", "{brand} hello! is the Black Friday sale on the Home Hub starting Thursday or Friday?"),
        ("b", "{cust} Hi! It starts Thursday at 00:01 GMT 🎉 ^PN"),
        ("c", "{brand} setting my alarm 😂"),
    ]),
    ("AcmeSupport", [
        ("c", "{brand} Still not fixed. Case CASE-44102. Third week."),
        ("b", "{cust} Sorry for the delay. We've chased the technical team, and will update you by tomorrow. ^SO"),
        ("c", "{brand} that's what you said last week."),
    ]),
    ("NimbusAir", [
        ("c", "{brand} Wow, £60 to change a name by one letter. Amazing value. 🙄"),
        ("b", "{cust} Hi, minor spelling corrections are free! Please DM your booking ref and we'll fix it. ^JM"),
        ("c", "{brand} oh. ok. well thank you then 😅"),
    ]),
    ("VoltMobile", [
        ("c", "{brand} Hola, ¿tienen tarifas con roaming en México?"),
        ("b", "{cust} ¡Hola! Sí, el add-on Travel World incluye México por £5 al día. ^RA"),
        ("c", "{brand} perfecto, gracias"),
    ]),
    ("AcmeSupport", [
        ("c", "{brand} I'm cancelling. Switching to Globex. 8 years as a customer and nobody can fix a billing error."),
        ("b", "{cust} We'd be sorry to lose you. Could you give us a chance to fix the billing error first? DM us. ^DW"),
        ("c", "{brand} fine. one chance."),
        ("b", "{cust} Thank you. We've corrected the bill and credited £20 for the trouble. ^DW"),
        ("c", "{brand} ok, that's fair. staying. for now 😉"),
    ]),
    ("NimbusAir", [
        ("c", "{brand} flight delayed 3 hours"),
        ("b", "{cust} Sorry about that. Which flight are you on? We'll check the latest for you. ^CD"),
    ]),
]

# Tokenisation torture tests. Escapes are used where the character would be
# invisible or easy to normalise away by accident in an editor.
HARD_CASES = [
    "İSTANBUL'da ılık ışık",
    "Işıklı İzmir'de ILIK bir akşam, istanbul'a dönüş",
    "Straße GROSS Maße",
    "STRASSE vs Straße vs strasse, Fußgängerübergänge",
    "\uff28\uff25\uff2c\uff2c\uff2f\u3000\uff57\uff4f\uff52\uff4c\uff44\uff01",  # ＨＥＬＬＯ　ｗｏｒｌｄ！
    "ＡＣＭＥ ｓｕｐｐｏｒｔ ｉｓ ＧＲＥＡＴ",
    "\ufb01nally \ufb02ight",  # ﬁnally ﬂight (ligatures)
    "The o\ufb03ce sta\ufb00 were e\ufb03cient",
    "الخدمة كانت ممتازة، شكراً جزيلاً لكم",
    "لم يصل طلبي رقم 4471 حتى الآن!!",
    "השירות היה מצוין, תודה רבה",
    "ההזמנה שלי לא הגיעה 😡",
    "cafe\u0301 au lait at the cafe\u0301",  # combining acute
    "re\u0301sume\u0301 vs résumé (precomposed)",
    "Z\u0308u\u0308rich and Zürich",
    "我的订单还没有到，客服也不回复，太失望了。",
    "服务很好，谢谢！",
    "注文した商品が届きません。早く対応してください。",
    "カスタマーサポートの対応がとても良かったです😊",
    "ｶｽﾀﾏｰｻﾎﾟｰﾄ 半角カナ",
    "ขอบคุณมากครับบริการดีมาก",
    "สินค้ายังไม่มาส่งเลยค่ะ",
    "고객 서비스가 정말 최악이에요",
    "family: 👨\u200d👩\u200d👧\u200d👦 waiting for the delivery",
    "thumbs 👍🏻👍🏽👍🏿 and facepalm 🤦🏽\u200d♀️",
    "flags 🇯🇵🇩🇪🇹🇷🇧🇷 and 🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",
    "heart with variation selector ❤\ufe0f vs ❤ vs ♥",
    "great😀thanks",
    "worst💩service😡ever",
    "thx!!!🙏🙏🙏",
    "visit https://acme.example.com/help?topic=refund&id=42#faq now",
    "see http://example.org/path/(with)/parens.",
    "mail me at jane.doe+support@example.com, thanks",
    "@AcmeSupport @NimbusAir_Help why no reply?",
    "#fail #NeverAgain #customerservice #100DaysWaiting",
    "emoticons :) :-( :'( <3 >:( :D ;-) :P XD ^_^ :/",
    "no space:)here:(and</3 there",
    "what?! really?!?! no way!!!",
    "wait... what.... ok.",
    "sooooo goooood",
    "noooooo!!! whyyyyy",
    "I am SO ANGRY right now, this is NOT okay",
    "The AI support bot is OK but the USB-C cable is NOT",
    "can't can’t cant CAN'T",
    "won't wouldn’t y'all ma'am o'clock rock'n'roll",
    "zero\u200bwidth space inside a word",
    "soft\u00adhyphen and non\u00a0breaking space",
    "numbers 3.5 1,000 1.000,50 10:30 2026-10-05 50% $49.99 €12,50 ±3",
    "call +1 (555) 123-4567 or 555-0199 ext. 12",
    "card 4111 1111 1111 1111 exp 12/29",
    "order #A10482937 / ORD-551203 / 4471-2290",
    "1st 2nd 3rd 4th, 10x faster, 4K, 5G, mp3",
    "\"quoted\" «guillemets» „Anführung“ 「かぎ括弧」",
    "em—dash en–dash hyphen-minus and a…ellipsis",
    "tab\tinside",
    "mixed RTL: my order رقم 4471 is late",
    "ALLCAPSWITHNOSPACES and camelCaseWords and snake_case_words",
    "e-mail, co-operate, re-enter, well-known",
    "Ünïcödé ÜBER älles",
    "𝐁𝐨𝐥𝐝 𝑖𝑡𝑎𝑙𝑖𝑐 mathematical letters",
    "not bad at all 👌 but not good either",
    "😂😂😂😂😂",
    ":-)",
    "...",
]


def hard_cases():
    for h in HARD_CASES:
        assert "\n" not in h
    return HARD_CASES
