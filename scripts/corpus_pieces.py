"""Hand-written building blocks for Temper's sample conversations.

Everything in this file was written by the Temper developers for the sample
corpus. Nothing is copied from a public dataset. `make_sample_corpus.py`
combines these pieces deterministically (fixed seed).

Slots filled at generation time:
  {order} {amount} {product} {last4} {date} {ticket} {competitor} {plan}
  {cname} (customer first name) {agent} (agent first name) {team}
"""

BRAND = "Acme"

AGENTS = {
    "billing": ["Priya Natarajan", "Marco Rossi", "Dana Whitfield"],
    "technical": ["Kenji Watanabe", "Sam Okafor", "Lena Vogel"],
    "orders": ["Aisha Rahman", "Tom Brennan"],
}

SUPERVISORS = ["Grace Liu (Supervisor)", "Omar Haddad (Team Lead)", "Rachel Kim (Customer Relations)"]

CUSTOMER_NAMES = [
    "Jordan", "Maria", "Ahmed", "Chloe", "Luis", "Fatima", "Ben", "Sofia", "Mehmet", "Yuki",
    "Olivia", "Raj", "Hannah", "Kwame", "Elena", "Dmitri", "Grace", "Tyler", "Amara", "Jonas",
    "Ines", "Patrick", "Mei", "Carlos", "Zoe", "Nadia", "Ethan", "Aylin", "Lucas", "Priscilla",
    "Derek", "Sana", "Felix", "Brianna", "Hiro", "Camille", "Omari", "Keisha", "Viktor", "Rosa",
]

PRODUCTS = [
    "Acme Home Hub", "wireless earbuds", "standing desk", "air fryer", "the 4K monitor",
    "Acme Mesh router", "kids' tablet", "espresso machine", "robot vacuum", "running shoes",
    "blender", "smart thermostat", "office chair", "phone case", "winter jacket",
]

DEVICES = ["Acme Home Hub", "Acme Mesh router", "smart thermostat", "robot vacuum", "kids' tablet", "video doorbell"]

PLANS = ["Premium", "Family plan", "Pro annual", "Basic monthly", "Business Plus", "Student plan"]

COMPETITORS = ["Globex", "Initech", "Vandelay", "Hooli", "Zenith", "Stark Mobile", "Pied Piper", "Umbra"]

# ---------------------------------------------------------------------------
# Topics: per team, a problem with calm and angry descriptions, agent probes,
# customer answers, fixes and failures.
# ---------------------------------------------------------------------------
TOPICS = {
    "billing": [
        {
            "name": "double_charge",
            "pairs": {0: [0, 1], 1: [0, 2]},
            "ask": [
                "I think I was charged twice for my {plan} subscription this month, I see two payments of {amount} on my card ending {last4}.",
                "Quick question, there are 2 charges of {amount} on my statement from you on the same day. Is one of them a pending hold?",
                "hi, my bank shows a double charge ({amount} x2) from {date}. can you check?",
            ],
            "angry": [
                "You CHARGED ME TWICE. {amount} taken twice from my account and now I'm overdrawn.",
                "why the hell are there two charges of {amount} on my card?? I only have ONE account",
                "Double billed AGAIN. {amount} twice. This is theft, plain and simple.",
            ],
            "probe": [
                "Could you confirm the email address on the account and the last 4 digits of the card?",
                "Can you tell me the exact dates of both charges as they appear on your statement?",
            ],
            "info": [
                "it's the card ending {last4}, both on {date}",
                "Email is the one I'm writing from. Card ends in {last4}.",
                "Both say ACME*SUBSCRIPTION {amount}, dated {date}.",
            ],
            "fix": [
                "I can see the duplicate payment. It was caused by a retry on our side. I've refunded {amount}; it should be back on your card in 3-5 business days.",
                "You're right, the second charge was an error. The refund of {amount} has been issued under reference {ticket}.",
            ],
            "fail": [
                "I'm afraid I can't see a second charge on our side, so I can't refund it. You'll need to contact your bank.",
                "Unfortunately there's nothing I can do until the second payment settles, which can take up to 10 days.",
            ],
        },
        {
            "name": "refund_delay",
            "pairs": {0: [0, 1], 1: [0, 2]},
            "ask": [
                "Hello, I returned my {product} on {date} and haven't received the refund yet. Order {order}.",
                "Can you tell me the status of my refund for order {order}? It's been about two weeks.",
                "Hi! just checking on a refund of {amount}, the return was marked delivered to your warehouse last week",
            ],
            "angry": [
                "Still waiting on my refund. {amount}. It has been a MONTH. Order {order}.",
                "where is my money?? you received the return on {date} and I've heard nothing",
                "Three weeks and no refund. You were very quick to take my money, funny how that works.",
            ],
            "probe": [
                "Thanks, let me pull up order {order}. Did you get a return label from us or send it yourself?",
                "Could you share the tracking number of the return parcel?",
            ],
            "info": [
                "I used your label, tracking says delivered {date}",
                "yes your prepaid label. I still have the receipt from the drop-off.",
                "tracking ends in 8841, it shows signed for by your warehouse",
            ],
            "fix": [
                "I found it: the return was received but never processed by the warehouse. I've pushed the refund of {amount} through manually just now.",
                "The refund was stuck in a manual review queue. I've approved it, you'll see {amount} within 5 business days.",
            ],
            "fail": [
                "I'm sorry, refunds are handled by our finance team and I can't speed that up from here.",
                "I can't issue the refund until the warehouse inspects the item, and I don't have a date for that.",
            ],
        },
        {
            "name": "price_increase",
            "pairs": {0: [0, 1], 1: [2]},
            "ask": [
                "Hi, my {plan} renewal went from {amount} to a higher price without notice. Is that correct?",
                "Why did my monthly bill go up? Nothing changed on my end.",
                "Good afternoon, I'd like to understand the new pricing on the {plan}. Was there an email about it?",
            ],
            "angry": [
                "You raised my price by 30% and didn't even tell me. Unbelievable.",
                "so we're just silently jacking up prices now?? {plan} was {amount} last month",
            ],
            "probe": [
                "I can look into this. Which plan are you on and when did you first notice the new price?",
                "Could you let me know the account email so I can look at the billing history?",
            ],
            "info": [
                "{plan}, noticed it on the invoice from {date}",
                "It's the {plan}. I've been a customer for 4 years if that matters.",
                "same as this one, I only have the one account",
            ],
            "fix": [
                "There was a price change announced in August, but as a long-term customer I can keep you on the old rate of {amount} for another 12 months.",
                "I've applied a loyalty discount so your price goes back to {amount}. It will show on the next invoice.",
            ],
            "fail": [
                "The new price applies to all customers and I'm not able to override it.",
                "I'm sorry, there's no discount I can apply to your plan.",
            ],
        },
        {
            "name": "invoice",
            "pairs": {0: [0], 1: [1, 2]},
            "ask": [
                "Can I get a VAT invoice for my last payment? I need the company name on it.",
                "Hello, where do I download invoices for the {plan}? I need them with our company name on for accounting.",
                "Hi, could you resend the invoice for order {order}? It went to an old email address, and it needs our company details on it.",
            ],
            "angry": [
                "I've asked for a proper invoice three times now. Our accountant is chasing me every day.",
            ],
            "probe": [
                "Sure! What company name and VAT number should appear on the invoice?",
                "Of course. Which email should I send it to?",
            ],
            "info": [
                "Brightline Studio Ltd, VAT GB 123 4567 89",
                "please send it to billing@example.com",
                "accounts@example.org thanks",
            ],
            "fix": [
                "Done, the updated invoice is on its way to you now. You can also find all invoices under Account > Billing > History.",
                "I've regenerated the invoice with the company details and emailed it. Let me know if anything else needs changing.",
            ],
            "fail": [
                "Unfortunately our system can't add a company name after the invoice has been issued.",
            ],
        },
        {
            "name": "cancel_sub",
            "ask": [
                "Hi, how do I cancel the auto-renewal on my {plan}? I can't find the option in the app.",
                "I'd like to downgrade from {plan} to the free tier at the end of this billing period.",
                "Hello, my trial ended and I was charged {amount}. I meant to cancel before, can you help?",
            ],
            "angry": [
                "I cancelled in {date} and you still charged me {amount}. Your cancel button clearly doesn't work.",
                "Why is it so hard to cancel?? I've clicked through 6 screens of 'are you sure' nonsense",
            ],
            "probe": [
                "I can help with that. Can you confirm the email on the account?",
                "Sure, is this for the account registered to this email address?",
            ],
            "info": [
                "yes, same email",
                "Yes that's right",
            ],
            "fix": [
                "All done, auto-renewal is off and you keep access until the end of the current period. Since the charge was today I've also refunded {amount}.",
                "I've processed the downgrade; you won't be charged again. Confirmation number {ticket}.",
            ],
            "fail": [
                "I can cancel going forward, but I can't refund the {amount} because the renewal already went through.",
            ],
        },
    ],
    "technical": [
        {
            "name": "app_crash",
            "pairs": {0: [0, 2], 1: [1]},
            "ask": [
                "The app crashes every time I open the Orders tab. iPhone 14, iOS up to date.",
                "Hi, since the last update the Android app closes by itself after a few seconds. Any known issue?",
                "hello, app keeps freezing on the loading screen. already reinstalled it once",
            ],
            "angry": [
                "Your app has crashed 15 times today. FIFTEEN. Do you even test these updates?",
                "the new update is garbage, app wont even open now",
                "App is completely broken since yesterday and I can't access anything. Fix it!!!",
            ],
            "probe": [
                "Sorry about that! Which app version do you see under Settings > About?",
                "Could you try logging out, force-closing the app, and logging back in? Let me know what happens.",
            ],
            "info": [
                "version 8.4.1",
                "tried that, same thing. it crashes right after the splash screen",
                "it says 8.4.0 (build 2291)",
            ],
            "fix": [
                "Thanks. This is a known bug in 8.4.0 and 8.4.1; version 8.4.2 went out an hour ago and fixes it. Please update from the store and it should open normally.",
                "We found the problem on our side, a corrupted cache for some accounts. I've reset it for yours, please try again now.",
            ],
            "fail": [
                "I'm afraid I can't do anything on my end, the developers are aware and there's no ETA for a fix.",
                "I can't help with app crashes in chat, you'll have to email the app team.",
            ],
        },
        {
            "name": "login",
            "pairs": {0: [1], 1: [0, 2]},
            "ask": [
                "I can't log in, it says 'invalid credentials' but I just reset my password.",
                "Hi, I'm not receiving the 2FA code by SMS. Phone number hasn't changed.",
                "my account got locked after too many attempts, how long until I can try again?",
            ],
            "angry": [
                "Locked out of my account for the 3rd day in a row. I need my files for WORK.",
                "your password reset email never arrives. I've requested it like 10 times",
            ],
            "probe": [
                "Can you confirm the email address you use to sign in? I'll check the account status.",
                "Are you using the app or the website when this happens?",
            ],
            "info": [
                "the website, chrome on windows",
                "it's this email, the one I'm chatting from",
                "both, same error on both",
            ],
            "fix": [
                "Thanks. Your account had a security lock after several failed attempts, which also blocks SMS codes. I've cleared it and sent a fresh reset link, valid for 30 minutes.",
                "I can see the problem: a security flag on the account was blocking sign-in and the SMS codes. I've removed it and switched your 2FA to email codes for now, please try again.",
            ],
            "fail": [
                "For security reasons I can't unlock accounts from chat. You'll have to wait 24 hours.",
                "There's nothing I can do about the SMS delays, it's the carrier's issue.",
            ],
        },
        {
            "name": "router",
            "pairs": {0: [0], 1: [1, 2]},
            "ask": [
                "My router keeps dropping the wifi connection every evening around 8pm.",
                "Hello, the internet has been really slow for three days. Speed test shows 4 Mbps on a 500 plan.",
                "the light on my router is blinking orange, what does that mean?",
            ],
            "angry": [
                "Internet has been down since yesterday morning. I work from home. I am LOSING MONEY.",
                "paying for 500 Mbps getting 3. this is a joke",
                "wifi drops every 10 minutes. I've restarted the stupid router 20 times",
            ],
            "probe": [
                "Let me run a line test. Could you confirm the postcode of the installation address?",
                "Could you unplug the router for 30 seconds and plug it back in? I'll watch the connection from here.",
            ],
            "info": [
                "postcode is 90210",
                "ok done, light is green now but it was green before too",
                "restarted it. still slow",
            ],
            "fix": [
                "I can see a faulty port at the local cabinet. An engineer has been booked for tomorrow 8-12 and I've added a credit for the downtime.",
                "I've pushed a firmware update to your router and changed the wifi channel. Speeds look normal from here now, can you check?",
            ],
            "fail": [
                "The line test is fine on our side, so I'm afraid it must be your equipment. I can't send an engineer.",
                "There's a wider outage in your area and I don't have an estimate for when it'll be fixed.",
            ],
        },
        {
            "name": "sync",
            "pairs": {0: [0, 1], 1: [0, 2]},
            "ask": [
                "My photos aren't syncing between my phone and laptop since last week.",
                "hi, files I add on my laptop never show up on my phone, been like this since Friday",
                "my notes app on the tablet is stuck on an old version of everything, phone is fine",
            ],
            "angry": [
                "You deleted two years of my notes during the 'sync'. Where are they??",
                "Sync is broken AGAIN and now I have 3 copies of every file. Brilliant.",
            ],
            "probe": [
                "Could you check whether both devices are on the latest version and signed in to the same account?",
                "Do you see a sync error message anywhere, e.g. in Settings > Sync?",
            ],
            "info": [
                "yes same account. the error says 'conflict 409'",
                "Both updated this morning",
                "no error, it just says 'last synced 6 days ago'",
            ],
            "fix": [
                "Thanks! That conflict error was from a stuck upload. I've cleared it on the server; sync should catch up within a few minutes.",
                "Good news, your data is all still on our servers. I've restored the previous version, it should appear on both devices shortly.",
            ],
            "fail": [
                "I'm sorry, once data is deleted by sync we can't recover it.",
            ],
        },
        {
            "name": "setup",
            "pairs": {0: [0], 1: [1]},
            "ask": [
                "Just got the {device}, how do I connect it to my existing account?",
                "Hi, trying to add the {device} to the app but it never shows up in the device list.",
                "Setting up the {device} for my parents, how do I pair it with their account?",
            ],
            "angry": [
                "Setup has failed 6 times. The instructions are useless.",
            ],
            "probe": [
                "Happy to help! Is the device showing a blue light at the moment?",
                "Sure, are you setting it up with the app or through the web page?",
            ],
            "info": [
                "blue light yes",
                "with the app",
            ],
            "fix": [
                "Great, in the app tap + > Add device > {device} and hold the button on the back for 5 seconds. It should pair within a minute.",
                "It sometimes needs a reset first: hold the button on the back for 10 seconds until the light flashes, then add it again via + > Add device. It should appear within a minute.",
            ],
            "fail": [
                "I'm not trained on that device, sorry. Try the online manual.",
            ],
        },
    ],
    "orders": [
        {
            "name": "late_delivery",
            "ask": [
                "Hi, my order {order} was supposed to arrive on {date} and the tracking hasn't updated since.",
                "Hello, any news on order {order}? Tracking has said 'in transit' for 6 days.",
                "Can you check where my {product} is? Order {order}. Thanks!",
            ],
            "angry": [
                "Where is my order?!? {order}. It was 'guaranteed' for {date}. It's a birthday present and the birthday was yesterday.",
                "ORDER {order}. 2 WEEKS LATE. NO UPDATES. NOBODY ANSWERS.",
                "tracking has said 'out for delivery' for four days lol. what is going on",
            ],
            "probe": [
                "Sorry for the wait. Could you confirm the delivery postcode while I check with the carrier?",
                "Could you confirm the delivery postcode for order {order}?",
            ],
            "info": [
                "SW1A 1AA",
                "it's 10115 Berlin",
                "same as always, 60614",
            ],
            "fix": [
                "The parcel was held at the local depot because of a wrong house number on the label. I've corrected it and it's out for delivery tomorrow.",
                "The carrier has lost the parcel, so I've sent a replacement with express shipping at no cost. New tracking: {ticket}.",
            ],
            "fail": [
                "I can't contact the carrier directly, you have to wait 10 working days before we can open an investigation.",
                "Once it's with the carrier it's out of our hands, sorry.",
            ],
        },
        {
            "name": "wrong_item",
            "pairs": {0: [0, 2], 1: [1]},
            "ask": [
                "I received the wrong item. I ordered the {product} and got a pack of phone chargers. Order {order}.",
                "Hi, the {product} arrived in the wrong colour, I ordered black and got pink.",
                "Hello, order {order} came and it's not what I ordered, it's a completely different model.",
            ],
            "angry": [
                "Wrong item AGAIN. Second time with order {order}. Does anyone check what goes in the box?",
                "you sent me a used {product} with someone else's hair on it. disgusting",
            ],
            "probe": [
                "Sorry about the mix-up! Could you send a photo of the item and the packing slip?",
                "I'm sorry about that. Could you tell me the item code on the label of what you received?",
            ],
            "info": [
                "photo attached",
                "it says SKU-88-2011-BLK",
                "sent it by email just now",
            ],
            "fix": [
                "Thanks for the photo. I've sent the correct {product} with next-day shipping, and a prepaid return label for the wrong one.",
                "I've shipped the right one today with next-day delivery; the courier will collect the wrong item at the same time.",
            ],
            "fail": [
                "The {product} is out of stock so I can't send a replacement. I can only offer a refund.",
            ],
        },
        {
            "name": "damaged",
            "pairs": {0: [0, 1], 1: [2]},
            "ask": [
                "My {product} arrived damaged, the box was crushed and there's a big crack down the side.",
                "Hi, the {product} from order {order} has a dent on the side. Can I get an exchange?",
            ],
            "angry": [
                "The {product} arrived SMASHED. Looked like someone played football with the box.",
                "arrived broken. {amount} down the drain. great packaging guys",
            ],
            "probe": [
                "I'm so sorry! Would you prefer a replacement or a refund?",
                "That shouldn't happen. Could you send a quick photo of the damage?",
            ],
            "info": [
                "replacement please",
                "whatever's quickest honestly",
                "photos sent",
            ],
            "fix": [
                "A replacement is on its way, no need to return the damaged one. You'll get tracking by email tonight.",
                "I've refunded {amount} to your original payment method, and you can keep or recycle the damaged one.",
            ],
            "fail": [
                "Damage has to be reported within 48 hours of delivery, so I'm afraid I can't offer a replacement.",
            ],
        },
        {
            "name": "change_address",
            "ask": [
                "Can I change the delivery address on order {order}? I'm moving on Friday.",
                "Hi, I made a mistake in the address for my order, it's flat 4B not 48.",
                "Hi, I typed the wrong postcode on order {order}, can you fix it before it ships?",
            ],
            "angry": [
                "I asked to change the address YESTERDAY and it still went to the old one.",
            ],
            "probe": [
                "Sure, what's the new address?",
                "Let me check whether it has left the warehouse yet. What's the correct address?",
            ],
            "info": [
                "12 Harbour Road, flat 4B",
                "221B Baker Street, London NW1 6XE",
                "Calle Mayor 5, 2ºA, Madrid",
            ],
            "fix": [
                "Done, the address is updated. Delivery date stays the same.",
                "It hadn't shipped yet, so I've updated the address. You'll get a new confirmation email.",
            ],
            "fail": [
                "The order has already been dispatched, so I can't change the address any more.",
            ],
        },
        {
            "name": "missing_parcel",
            "pairs": {0: [0, 1], 1: [1]},
            "ask": [
                "Tracking says delivered but there's nothing here. Order {order}.",
                "Hello, my parcel shows as delivered at 14:02 but I was home and nobody came.",
            ],
            "angry": [
                "'Delivered' my foot. There is NO parcel. Your driver didn't even ring the bell.",
                "package marked delivered, it's not here, neighbours don't have it, what now",
            ],
            "probe": [
                "I'm sorry. Could you check with neighbours and around the property, just in case? I'll open a trace with the carrier meanwhile.",
                "Could you confirm the delivery address for order {order}?",
            ],
            "info": [
                "checked everywhere. nothing",
                "the address is correct, and no, no neighbour has it",
            ],
            "fix": [
                "The driver's GPS shows the drop was at the wrong street. I've sent a replacement today and we'll recover the original.",
                "I've refunded the order in full, {amount}. Sorry for the hassle.",
            ],
            "fail": [
                "Since the carrier marked it delivered, I can't do anything until their investigation is closed (up to 14 days).",
            ],
        },
    ],
}

# ---------------------------------------------------------------------------
# Customer lines by intent
# ---------------------------------------------------------------------------
CUST_GREET = ["Hi,", "Hello!", "hey", "Hi there,", "Good morning,", "Good evening,", "hiya", "Hello,", "", "", "hi :)"]

CUST_OK = [
    "ok thanks", "Okay, will do.", "sure", "alright, one sec", "Yes please.", "ok", "👍", "ah ok",
    "Got it.", "sure thing", "ok let me check", "right, makes sense",
]

CUST_THANKS = [
    "Perfect, thank you so much!", "Great, thanks for your help :)", "thanks, that's sorted then",
    "Brilliant, cheers!", "Thank you! Have a nice day.", "ok that works, thanks", "thx!",
    "Amazing, thanks {agent}!", "that was quick, thanks 🙏", "Appreciate it, thanks.",
    "Lovely, thanks a lot.", "ty!!", "Super, danke!", "Great, that's all I needed.",
    "Thanks, I'll keep an eye on it.", "oh nice, thank you!",
]

CUST_PRAISE = [
    "Wow, that was fast. Honestly the best support I've had from any company.",
    "{agent}, you're a star. Sorted in 5 minutes after I'd been dreading this all week.",
    "Thank you SO much, you've been incredibly helpful 😊",
    "Really appreciate you going above and beyond here. I'll mention you in the survey!",
    "This is why I keep recommending you to friends. Thanks!!",
    "omg thank you, you're a lifesaver ❤️",
    "Honestly didn't expect it to be this easy. 10/10.",
    "Great service as always, thanks {agent}.",
    "You've restored my faith in customer service lol. Thank you!",
    "Best chat I've ever had with a company, no joke 👏👏",
    "Perfect. Super friendly and quick, thank you!",
    "Thanks a million, have a great weekend!",
]

CUST_PRAISE_OPEN = [
    "Not a problem, just wanted to say the new update is great and the app is much faster now!",
    "Hi! Just wanted to say thanks to whoever packed my order, the handwritten note made my day 😊",
    "Hello, no issue today. I wanted to let you know {agent} helped me last week and was fantastic.",
    "Quick shout-out: delivery came a day early and everything was perfect. Love it!",
]

CUST_MILD = [
    "Bit annoying tbh, this is the second week I've been waiting.",
    "ok, a little frustrating but fine.",
    "Hmm, I'd have expected an email about this at least.",
    "That's a shame, I really needed it by the weekend.",
    "it's been a while, I was starting to worry 😕",
    "Not ideal, but ok.",
    "I was on hold for 20 minutes before this chat, just so you know.",
    "ugh. ok. what do I need to do?",
    "Slightly disappointed to be honest, it's not the first hiccup.",
    "Fine, but please make sure it doesn't happen again.",
    "well that's annoying :/",
    "sigh. ok.",
]

CUST_SOUR_1 = [
    "I already tried that.",
    "I already gave you that information in my first message.",
    "That's what the last agent said too.",
    "It's still not working.",
    "Can you please just look at the account instead of sending me the FAQ?",
    "No, that's not what I asked.",
    "Why do I need to explain this again?",
    "I've been waiting a long time for this.",
]

CUST_SOUR_2 = [
    "This is getting ridiculous.",
    "Honestly I'm losing my patience here.",
    "I've spent over an hour on this now. This is not okay.",
    "You keep saying that but nothing happens.",
    "Are you even reading my messages??",
    "So basically you can't help me. Great.",
    "This is the worst service I've had in years.",
    "I'm really fed up with this.",
    "Unbelievable. Absolutely unbelievable.",
]

CUST_FURIOUS_OPEN = [
    "I am FURIOUS.",
    "This is a complete disgrace.",
    "WHAT IS WRONG WITH YOUR COMPANY",
    "Absolutely sick of this.",
    "Are you kidding me?!",
    "Worst. Company. Ever.",
    "I have never been so angry at a company in my life.",
    "Seriously?!?!",
    "Unacceptable!!!",
    "You people are useless.",
    "wtf is going on",
    "I'm beyond angry right now.",
]

CUST_FURIOUS_MORE = [
    "I don't want excuses, I want it FIXED.",
    "Don't give me the 'we apologise for the inconvenience' script.",
    "Nobody takes responsibility here, ever.",
    "I've wasted my whole afternoon on this.",
    "This is the LAST time I'm dealing with you.",
    "Just fix it. Now.",
    "Stop copy-pasting and actually do something!!",
    "I'm so done with this company.",
]

CUST_CHURN = [
    "I'm cancelling my subscription today.",
    "That's it, I'm switching to {competitor}.",
    "Please close my account. I'm done.",
    "If this isn't fixed by Friday I'm moving everything to {competitor}.",
    "Cancel everything. I'll take my business elsewhere.",
    "{competitor} offered me half the price anyway, so goodbye.",
    "I've been a customer for 8 years and I'm leaving over this.",
    "Don't bother with a discount, I've already signed up with {competitor}.",
    "I want to terminate my contract. Today.",
    "I'm porting my number out to {competitor} tomorrow.",
    "Consider this my notice. I'm leaving.",
    "not renewing. never again.",
]

CUST_LEGAL = [
    "I'm going to talk to my lawyer about this.",
    "If I don't get my money back I'll take you to small claims court.",
    "I'll be reporting this to the FTC.",
    "I'm filing a complaint with the ombudsman.",
    "I'm reporting you to the BBB and my state attorney general.",
    "This is a breach of contract and my solicitor will be in touch.",
    "I'll be filing a chargeback with my bank AND a complaint with the CFPB.",
    "Next step is trading standards.",
    "My attorney will be contacting your legal department.",
    "I've already started the paperwork for small claims. Last chance.",
    "This is illegal under consumer law and you know it. I'm escalating to the regulator.",
]

CUST_SHAME = [
    "I'm posting this whole conversation on twitter.",
    "Enjoy the 1 star review I'm leaving everywhere. Trustpilot, Google, App Store, all of them.",
    "Screenshotting this for my TikTok, people need to know how you treat customers.",
    "I'm going to tell everyone I know to stay away from you.",
    "Going straight on reddit with this.",
    "Watch me post this on every review site I can find.",
    "I'll make sure this goes viral. 40k followers will hear about it.",
    "1 star. And I'll be writing a very detailed review.",
    "Tagging your CEO on LinkedIn with these screenshots.",
]

CUST_MANAGER = [
    "I want to speak to a manager.",
    "Get me your supervisor please.",
    "Put me through to someone who can actually make a decision.",
    "Can I speak to your team leader? This needs escalating.",
    "I'd like this escalated to a supervisor, please.",
    "MANAGER. NOW.",
    "Is there anyone more senior I can talk to?",
    "I'm not talking to you anymore, transfer me to your manager.",
    "I need a supervisor to call me back today.",
]

CUST_REPEAT_OPEN = [
    "This is the third time I'm contacting you about this.",
    "Following up AGAIN on ticket {ticket}.",
    "Still not fixed. Reference {ticket}.",
    "I was told last week this would be sorted. It isn't.",
    "4th time writing in about the same issue.",
    "Chat number five about this. Yes, five.",
    "Me again. Same problem as yesterday and the day before.",
    "Every time I call I get a different answer.",
    "I have a case number already, {ticket}, nobody has called me back like promised.",
    "Second email this week, no reply to the first one.",
]

CUST_SARCASM = [
    "Great, another 2 hours on hold, thanks a lot.",
    "Oh wonderful, the FAQ link. Never would have thought of that. 🙄",
    "Wow, 'have you tried turning it off and on again'. Genius.",
    "Fantastic service as always. Really. /s",
    "Love how I have to explain this a fourth time. Such fun.",
    "Sure, I'll just wait another 10 working days, I have nothing better to do.",
    "Thanks for the copy-paste apology, very personal.",
    "Oh good, a survey. Can't wait to fill that in. 🙃",
    "Brilliant. Truly world-class support.",
    "Amazing how fast you take payments and how slow you give refunds.",
    "Yeah, 'delivered'. To who, a ghost?",
    "Perfect, so nothing. Thanks so much for your help.",
    "Oh great, now it's broken in a *new* way. Progress!",
]

CUST_NEGATED = [
    "Don't worry, I would never cancel, you've been great to me over the years.",
    "I'm not going to leave a bad review or anything, just wanted to flag it.",
    "Not angry at all, just curious why it happened.",
    "No need to escalate, this is fine.",
    "I'm not switching to anyone, your service is still the best around.",
    "I won't be calling a lawyer over this lol, just let me know when it's fixed.",
    "No complaints here, honestly.",
    "I'm not unhappy, the agent yesterday was lovely, I just need one more detail.",
    "Not cancelling, don't panic 😄 just want to understand what happened.",
    "I wouldn't dream of leaving, just want this sorted.",
    "No need for a manager, you've been very helpful.",
]

CUST_ABANDON = [
    "hello?", "anyone there??", "is this chat even working", "forget it.", "...", "hellooooo",
    "ok I'll try later", "never mind", "I'll just call instead", "15 minutes and nothing. bye",
]

CUST_WAIT_COMPLAINT = [
    "Finally. I've been waiting 45 minutes.",
    "that took forever",
    "Over an hour in the queue, just so you know.",
    "At last!",
    "took you long enough",
]

# phone-style fillers
PHONE_FILLERS = ["yeah, um, ", "so, ", "uh, ", "yeah hi, ", "okay so ", "right, ", "um. ", ""]

# ---------------------------------------------------------------------------
# Agent lines
# ---------------------------------------------------------------------------
AGENT_GREET = [
    "Hi {cname}, thanks for reaching out! My name is {agent}, I'll be helping you today.",
    "Hello {cname}, {agent} here from the {team} team. How can I help?",
    "Hi there, thanks for contacting {brand}. I'm {agent}.",
    "Good to hear from you {cname}. I'm {agent}, let me take a look.",
    "Hi {cname}! {agent} from {brand} support.",
    "Thanks for waiting, {cname}. I'm {agent}.",
]

AGENT_GREET_AFTER_WAIT = [
    "I'm really sorry for the long wait, {cname}, we're very busy today. I'm {agent}.",
    "Apologies for the wait! I'm {agent}, thanks for your patience.",
    "Sorry you had to wait so long. {agent} here, let's get this sorted.",
]

AGENT_EMAIL_OPEN = [
    "Thank you for getting in touch.",
    "Thanks for your email, and sorry for the trouble.",
    "Thank you for contacting {brand} Customer Care.",
    "Thanks for writing in. I've picked up your case.",
]

AGENT_EMAIL_OPEN_LATE = [
    "Thank you for your patience, and I'm sorry for the slow reply.",
    "Apologies for the delay in getting back to you; we've had a very high volume of emails.",
]

AGENT_HOLD = [
    "Let me check that for you, one moment please.",
    "Give me a couple of minutes while I look into this.",
    "Thanks, I'm checking now.",
    "One moment, I'm pulling up your account.",
    "Let me look into it.",
    "Bear with me while I check with the team.",
]

AGENT_EMPATHY = [
    "I completely understand, and I'm sorry this has happened.",
    "I'm really sorry, that's not the experience we want you to have.",
    "I understand how frustrating this is.",
    "You're absolutely right to be upset, and I apologise.",
    "I hear you, and I'm sorry for the trouble.",
    "I apologise for the inconvenience.",
    "I'm sorry, I can see this has dragged on far too long.",
]

AGENT_RUNAROUND = [
    "Could you try clearing your browser cache and cookies, then try again?",
    "Have you had a look at our help centre article on this? https://acme.example.com/help",
    "For security, could you confirm your full name, postcode and date of birth?",
    "Could you send me a screenshot of the issue, please?",
    "Can you restart your device and let me know if it persists?",
    "For this kind of request we ask customers to use the online form: https://acme.example.com/forms/request",
    "Can you confirm the order number again, please?",
]

AGENT_FAIL_GENERIC = [
    "I'm sorry, but I can't help with that.",
    "There's nothing I can do about that from my side.",
    "That's our policy, I'm afraid.",
    "Unfortunately I don't have access to that system.",
    "I can only pass your feedback on.",
    "I'm not able to make an exception.",
]

AGENT_ESCALATE = [
    "I've escalated this to my supervisor, who will contact you within 24 hours.",
    "I'm transferring you to a team lead now.",
    "I've raised a priority complaint, reference {ticket}. Someone from Customer Relations will call you.",
    "Let me bring in my manager, one moment.",
]

AGENT_CLOSE = [
    "Is there anything else I can help with?",
    "Anything else I can do for you today?",
    "Glad I could help! Have a great day.",
    "You're welcome, {cname}. Take care!",
    "Happy to help. Have a lovely evening!",
    "My pleasure! If anything else comes up, just reply to this thread.",
]

AGENT_RETENTION = [
    "I'm sorry to hear that. Before you go, I can offer you 3 months at half price.",
    "I understand. I'd hate to lose you as a customer, can I offer a credit of {amount}?",
    "I've noted your request. I can process the cancellation now, or try one more fix first?",
]

AGENT_LEGAL_ACK = [
    "I understand. I've passed your case to our complaints team, reference {ticket}; they'll respond within 5 working days.",
    "You have every right to do that. I've escalated your case so it gets reviewed by a senior colleague.",
    "I'm sorry it has come to this. I've flagged the case as a formal complaint, reference {ticket}.",
]

AGENT_PRAISE_REPLY = [
    "That's so kind of you, thank you! I'll pass it on to the team 😊",
    "Thank you, that really made my day!",
    "Aw, thanks {cname}! Enjoy the rest of your day.",
]

SUPERVISOR_LINES = [
    "Hi {cname}, I'm the supervisor on duty. I've read the conversation and I'm sorry. Here's what I can do:",
    "Hello {cname}, I've reviewed your case. I'm sorry for how this has been handled.",
]

SUPERVISOR_FIX = [
    "I've refunded {amount} in full and added a month free. I'll personally follow up on Monday.",
    "I've approved a replacement with priority shipping and a {amount} goodwill credit.",
    "I've overridden the policy in this case. You'll get a confirmation email within the hour.",
]

# ---------------------------------------------------------------------------
# Bot / system
# ---------------------------------------------------------------------------
BOT_GREET = [
    "Hi! I'm Sunny, {brand}'s virtual assistant 🤖 What can I help you with today?",
    "Welcome to {brand} support! Please choose a topic: Billing, Orders, Technical help, Something else.",
    "Hello! I'm the {brand} assistant. Tell me in a few words what your question is about.",
    "Hi there 👋 I can help with orders, payments and account questions. What do you need?",
]

BOT_TRIAGE = [
    "Thanks! I'm connecting you to a {team} specialist. Current wait time: about {wait} minutes.",
    "Got it. Let me find someone from our {team} team for you.",
    "I understand you need help with {team}. An agent will join shortly.",
    "Sorry, I didn't understand that. Connecting you with a human agent…",
]

BOT_SELF_SERVE = [
    "You can track your order here: https://acme.example.com/orders. Did that answer your question?",
    "Here's how to reset your password: https://acme.example.com/help/reset. Was this helpful?",
    "Invoices are available under Account > Billing > History. Anything else?",
]

CUST_TO_BOT = [
    "talk to a human", "AGENT", "human please", "speak to a person", "something else", "representative",
]
CUST_TO_BOT_TEAM = {
    "billing": ["billing", "Billing", "refund", "payment problem", "question about my bill"],
    "technical": ["technical problem", "Technical help", "app not working", "internet issue", "tech support"],
    "orders": ["order", "Orders", "where is my order", "delivery problem", "return"],
}

SYSTEM_JOIN = [
    "{agent_full} joined the chat",
    "Agent {agent_full} has joined the conversation",
]
SYSTEM_TRANSFER = ["Chat transferred to {team} queue", "Conversation reassigned to {agent_full}"]
SYSTEM_LEFT = ["Customer left the chat", "Chat ended by customer", "Visitor disconnected (timeout)"]
SYSTEM_PHONE_START = ["Call connected", "Call connected to agent (IVR option 2)", "Call answered after queue"]
SYSTEM_PHONE_END = ["Call ended", "Caller hung up", "Call ended by agent"]

EMAIL_SIGNOFF_CUST = ["\n\nThanks,\n{cname}", "\n\nRegards,\n{cname}", "\n\n{cname}", "\n\nSent from my iPhone", "", "\n\nBest,\n{cname}"]
EMAIL_SIGNOFF_AGENT = ["\n\nKind regards,\n{agent_full}\n{brand} Customer Care", "\n\nBest wishes,\n{agent}\n{brand} Support"]

# ---------------------------------------------------------------------------
# Non-English conversations (hand-written). Each: (lang, tone, [(role, text)])
# ---------------------------------------------------------------------------
NON_ENGLISH = [
    ("es", "calm", [
        ("customer", "Hola, quería saber cuándo llega mi pedido {order}. Gracias."),
        ("agent", "¡Hola {cname}! Soy {agent}. Déjame revisar el pedido, un momento."),
        ("agent", "Tu pedido sale mañana y debería llegar el jueves."),
        ("customer", "Perfecto, muchas gracias 😊"),
    ]),
    ("es", "angry", [
        ("customer", "Llevo TRES semanas esperando el reembolso. Esto es una vergüenza."),
        ("agent", "Lo siento mucho, {cname}. Voy a revisar el estado del reembolso ahora mismo."),
        ("customer", "Siempre la misma respuesta. Si no me devuelven el dinero voy a poner una reclamación en consumo."),
        ("agent", "He escalado el caso con prioridad, referencia {ticket}. Recibirás respuesta en 48 horas."),
        ("customer", "Ya veremos. Estoy harta."),
    ]),
    ("de", "calm", [
        ("customer", "Guten Tag, ich brauche eine Rechnung mit Firmenadresse für meine letzte Bestellung."),
        ("agent", "Hallo {cname}, gerne! Wie lautet der Firmenname?"),
        ("customer", "Müller & Söhne GmbH, Hauptstraße 12, 80331 München"),
        ("agent", "Erledigt, die neue Rechnung ist unterwegs an Ihre E-Mail-Adresse."),
        ("customer", "Super, vielen Dank!"),
    ]),
    ("de", "angry", [
        ("customer", "Das ist jetzt schon das dritte Mal, dass das Paket nicht ankommt. Ich bin echt sauer!!"),
        ("agent", "Das tut mir sehr leid, {cname}. Ich kümmere mich sofort darum."),
        ("customer", "Wenn das so weitergeht, kündige ich. Ehrlich."),
        ("agent", "Ich habe eine Ersatzlieferung per Express veranlasst, Sendungsnummer {ticket}."),
    ]),
    ("fr", "calm", [
        ("customer", "Bonjour, est-ce que je peux modifier l'adresse de livraison de ma commande {order} ?"),
        ("agent", "Bonjour {cname}, oui bien sûr. Quelle est la nouvelle adresse ?"),
        ("customer", "12 rue des Lilas, 69003 Lyon"),
        ("agent", "C'est fait ! La livraison reste prévue pour vendredi."),
        ("customer", "Merci beaucoup, très efficace 👍"),
    ]),
    ("fr", "angry", [
        ("customer", "C'est inadmissible. Prélevé deux fois et personne ne répond à mes mails !"),
        ("agent", "Je suis vraiment désolé(e), {cname}. Je vérifie immédiatement."),
        ("customer", "Je vais porter plainte auprès de la DGCCRF si ce n'est pas réglé aujourd'hui."),
        ("agent", "Le double prélèvement a été remboursé, référence {ticket}. Encore toutes mes excuses."),
        ("customer", "Il était temps."),
    ]),
    ("tr", "calm", [
        ("customer", "Merhaba, siparişim {order} ne zaman kargoya verilecek?"),
        ("agent", "Merhaba {cname}, siparişiniz yarın kargoya verilecek. İyi günler!"),
        ("customer", "Teşekkür ederim, iyi çalışmalar."),
    ]),
    ("tr", "angry", [
        ("customer", "İki haftadır bekliyorum, hâlâ ürün gelmedi! Rezalet!!"),
        ("agent", "Çok özür dilerim {cname}. Hemen kontrol ediyorum."),
        ("customer", "Bir daha asla sizden alışveriş yapmayacağım. Şikayetvar'a yazıyorum."),
    ]),
    ("ja", "calm", [
        ("customer", "こんにちは。注文した商品の配送状況を教えてください。注文番号は {order} です。"),
        ("agent", "{cname}様、お問い合わせありがとうございます。明日お届け予定です。"),
        ("customer", "ありがとうございます！助かりました。"),
    ]),
    ("ja", "angry", [
        ("customer", "届いた商品が壊れていました。本当にがっかりです。"),
        ("agent", "大変申し訳ございません。すぐに交換品を手配いたします。"),
        ("customer", "二回目ですよ。もう解約を考えています。"),
        ("agent", "ご迷惑をおかけして申し訳ありません。返金も可能です。"),
    ]),
    ("ar", "calm", [
        ("customer", "مرحبا، أريد أن أعرف متى سيصل طلبي {order}؟"),
        ("agent", "مرحبا {cname}، سيصل طلبك يوم الخميس إن شاء الله."),
        ("customer", "شكرا جزيلا 🙏"),
    ]),
    ("ar", "angry", [
        ("customer", "هذه ثالث مرة أتواصل معكم بخصوص نفس المشكلة! خدمة سيئة جدا"),
        ("agent", "أعتذر بشدة {cname}. سأقوم بتصعيد الطلب الآن."),
        ("customer", "إذا لم تحل المشكلة اليوم سألغي اشتراكي."),
    ]),
    ("zh", "calm", [
        ("customer", "你好，请问怎么修改我的账户邮箱？"),
        ("agent", "您好 {cname}！在“账户设置 > 个人信息”里可以修改邮箱。"),
        ("customer", "找到了，谢谢！"),
    ]),
    ("zh", "angry", [
        ("customer", "我已经等了一个月了，退款还没到账！太过分了！"),
        ("agent", "非常抱歉，{cname}。我马上帮您查一下。"),
        ("customer", "如果今天还不退款，我就去消费者协会投诉。"),
        ("agent", "退款已经处理，3到5个工作日内到账。参考号 {ticket}。"),
    ]),
]

# English customer lines with a bit of another language mixed in
MIXED_LANG_LINES = [
    "ok gracias, that's all",
    "Danke! sorted now",
    "merci, parfait",
    "teşekkürler, thank you",
    "ありがとう! thanks",
    "Dios mío, finally it works 😅",
    "ugh, Mist. still broken",
    "شكرا, thanks a lot",
    "谢谢! perfect",
]

TAGS = [
    ["refund"], ["vip"], ["outage"], ["follow-up"], ["refund", "priority"], ["complaint"],
    ["social-media"], ["retention"], ["bug", "app"], ["shipping"], ["legal-review"], ["feedback"],
]
