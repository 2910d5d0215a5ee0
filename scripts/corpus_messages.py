"""Single customer messages for corpora/messages.txt.

Hand-written by the Temper developers: chat lines, tweets to support accounts,
review snippets and survey comments. Phone numbers are fictional 555 numbers,
emails use example.com/org. A deterministic sample of customer lines from
corpus_pieces.py (slots filled) is appended to reach the target size.
"""
import random

import corpus_pieces as P

HANDWRITTEN = r"""
Hi, I'd like to check the status of order #A10482937 please
@AcmeSupport my package says delivered but it's not here?? order 5521-0087
Where is my refund. It's been 3 weeks.
hello
good morning! quick question about my invoice
Thank you so much for your help today, Lena was brilliant 😊
review: Arrived quickly, fits perfectly, would buy again ⭐⭐⭐⭐⭐
survey: agent was polite but I had to explain everything twice
I've been on hold for 55 minutes. FIFTY FIVE.
pls call me back on 555-0199, can't chat at work
my email is sofia.r@example.com if you need it
Your app just logged me out again :( #annoying
@AcmeHelp @AcmeSupport which one of you actually answers??
Is there a way to change the delivery day? I'm away on the 14th.
The blender is sooooo loud but it works great
🙄🙄🙄 still waiting
can u check my order pls 4471-2290
the link you sent goes to a 404: https://acme.example.com/help/returns-policy
Worst experience ever. Never again. #boycottacme
Wow. Just wow. Ordered Monday, arrived Tuesday, perfect condition 👏
I WANT MY MONEY BACK
Could you confirm whether my payment of $49.99 went through? It shows pending.
review: Decent product, but the instructions were useless.
survey comment: Quick and friendly, no complaints.
hey there 👋
Hi team, attaching the photo of the damaged box as requested.
Contact me at +1 (555) 010-4477 or jordan.k@example.org
cancelled my order by mistake, can you undo that?
thx 4 the help!!
Not happy. The jacket's zip broke after two wears.
You guys are killing it with the new update 🔥🔥
@AcmeSupport DM'd you my order number, please check
Where's the nearest store to 60614?
This is the third time I'm writing. THIRD.
I would never cancel, you've been great, I just need the invoice fixed.
Been a loyal customer since 2015 and this is how I'm treated? Shocking.
"Your call is important to us" lol clearly not
Mi pedido no ha llegado todavía, ¿pueden ayudarme?
Das Paket ist beschädigt angekommen. Was nun?
Bonjour, je n'arrive pas à me connecter à mon compte.
Siparişim hâlâ gelmedi, lütfen yardımcı olur musunuz?
注文した商品がまだ届きません。確認してもらえますか？
طلبي لم يصل بعد، أرجو المساعدة
我的订单还没发货，请帮我查一下。
Привет, где мой заказ? Уже две недели жду.
Γεια σας, θέλω να ακυρώσω τη συνδρομή μου.
안녕하세요, 환불은 언제 되나요?
שלום, החבילה הגיעה פגומה
the chat bot keeps looping me back to the main menu
Can I speak to a real person please
MANAGER PLEASE
I'm cancelling and switching to Globex, their support actually answers
If this isn't fixed today I'm reporting you to the BBB
my lawyer will be in touch
posting this on twitter, people should know
Leaving a 1 star review everywhere I can
Honestly not bad at all! Much better than last time.
great, another delay. love that for me
Flight delayed 3 hours, no food vouchers, no info. Cheers @NimbusAir
thanks for nothing 👍
Order ORD-558812, arrived with missing screws
Perfect fit, super comfy, obsessed 😍
Delivery guy left it on the doorstep in the rain. Box was soaked.
Survey: 2/10, the issue is still not fixed
Survey: 10/10 Kenji was amazing
How much is international shipping to Australia?
What's the warranty on refurbished units?
lol your website is down again
Great customer service, the agent sorted everything in 5 minutes
@AcmeSupport hi! is there an outage in Leeds? internet down since 7am
Still not fixed. Ticket #402215.
Can you send the invoice to accounts@example.com instead?
The discount code SPRING20 isn't working at checkout
It's 2am and I'm still locked out of my account 😩
Is anyone there?
ok
sure, that works for me
Yes
no thanks, that's all
Alright, I'll wait for the email.
1 star. Product broke in a week. Support blamed me.
4 stars - good value, delivery a bit slow
3/5 does the job, nothing special
5/5 would recommend to anyone!!!
love it ❤️❤️❤️
meh 😐
I'm so done with this company 😤
So happy with my new phone, thanks @AcmeSupport! 📱✨
it's fine I guess
Can I get a refund on a gift I received? No receipt.
The technician was on time and very professional
My son broke the screen, does the warranty cover accidental damage?
wait, why was I charged twice?
Got charged £12.99 for a subscription I never signed up for
I want to report a fraudulent transaction on my account.
Hello, my name is Amara and I need help with my booking QX7T2L
honestly impressed, first time I've had a call answered in under a minute
Why does your form keep rejecting my postcode
the mobile site is unusable on my phone
Ordered the wrong size, how do I exchange?
wish I could give 0 stars
help!! my account has been hacked
Just received a suspicious email claiming to be from you, is this legit? support@acme-secure.example.net
Thank you! 🙏🏽
You rock, thanks for the quick fix
This is ridiculous. I've sent my ID three times.
could you pls confirm my address: 12 Harbour Rd, Flat 4B
Order 90031 — can I add gift wrapping?
the product page says "in stock", checkout says "unavailable". which is it?
THANK YOU THANK YOU THANK YOU
my package went to Belgium 😂 I live in Dublin
I'm not angry, just confused about the new pricing
Not cancelling, relax 😄 just curious about the Pro plan
@AcmeSupport seriously? 3 days no internet and your status page says "all systems operational" #fail
the agent was lovely but the issue came back the next day
I'll be honest, I expected this to go much worse. Thanks!
Is there a phone number? 555 something?
Please remove my card details from your system.
Urgent: my direct debit failed, will I be charged a fee?
i've been waiting since 9 for the engineer. it's 4pm.
Absolutely brilliant service from start to finish
great😀thanks
sorted, cheers 👍
Good evening, is the store open on Boxing Day?
Hi! Loving the app but the dark mode text is hard to read
Dear Sir or Madam, I am writing to complain about my recent experience at your Bristol branch.
Can't believe how fast that was. Ordered at 10, here by 3!
Still waiting on my refund for order #A55120934 😒
Review: The hotel was clean, staff friendly, breakfast average.
Review: Worst stay ever, cockroach in the bathroom.
Review: Good location but very noisy at night.
Survey: More staff at the weekends please.
Survey: No comment
Survey: it was ok
Survey: Took too long to connect to an agent.
Survey: Fantastic, keep it up!
@NimbusAir my bag is in Frankfurt and I'm in Lisbon 🙃
@VoltMobile no signal in the whole of zone 3 since this morning
@VoltMobile thanks for the bill credit, appreciated!
@AcmeSupport hi, how do I update my payment method?
#customerservice done right by @AcmeSupport today 🙌
#neveragain @AcmeSupport
Had to wait 2 hours. TWO HOURS.
Pretty good overall, but the app could be faster.
The product is great. The delivery was not.
I like the product but hate the subscription model
thank you for your patience with me, I know I was grumpy earlier
sorry for the caps earlier, been a rough day
Hola! quería saber si hacen envíos a México
Guten Morgen, meine Rechnung stimmt nicht.
Merci pour votre aide, tout fonctionne maintenant !
Çok teşekkürler, harika hizmet!
ありがとうございました！とても助かりました。
شكرا لكم على الخدمة الممتازة
谢谢，问题已经解决了。
is this about the email I got? the one that says "action required"?
The tracking number 1Z999AA10123456784 doesn't work on the UPS site
i think i ordered the wrong one lol can i swap
It works now, false alarm!
Never mind, found it.
Can I talk to Aisha again? She helped me last week.
My dad's account was closed after he passed away, but you're still billing him.
I'm disabled and can't carry parcels from the pickup point, can it be delivered to the door?
please help, I'm travelling tomorrow and my booking has disappeared
Your bot told me to "contact support". I thought you were support.
Nice try with the "free" upgrade that costs £5 more a month
OMG it's finally here!!! 🎉🎉
received, thanks
what does error E-1042 mean
app version 8.4.1 on iPhone 12 keeps freezing on the loading screen
I get "payment declined" but my bank says everything is fine
Where can I leave a compliment for an employee?
i'd like to complain about the driver
Do you offer price adjustment if the price drops within 14 days?
I paid for next-day and it's been three.
can I get a receipt for 10/03 purchase, £34.50
Just wanted to say your support team is fantastic
Hiya, any update on my ticket? Cheers
oh cool, so now I have to pay for the return shipping on a DEFECTIVE item
Thanks, Marco :)
I'm going to the ombudsman with this
I will be filing a chargeback
I've reported this to trading standards
Cancel my subscription. Now.
No rush, whenever you get a chance 🙂
Nope, still broken 🤷
hello?? anyone??
Still no reply to my email from last week
The store manager in Leeds was incredibly kind to my grandma ❤️
the voice assistant can't understand my accent at all
Is this company even real? No one ever answers.
Ordered a pizza, got a salad. Not even the right salad.
The earbuds are amazing, the case is flimsy
yes please go ahead with the replacement
ok, I'll send the photos tonight
I'd rather have a refund than a replacement, thanks.
Not bad at all, thanks for sorting it out
It's not great, but it'll do.
no complaints here
You have been very helpful, thank you Tom
Reference number 55-AB-1042, please look into it
order #40017 hasn't shipped and it's been 10 days??
Hi @AcmeSupport! Love the new packaging 🌱
Can you email me at not.a.real.person@example.com?
"""


def messages(extra=130, seed=300):
    hand = [l.strip() for l in HANDWRITTEN.strip("\n").split("\n") if l.strip()]
    rng = random.Random(seed)
    pool = []
    for team in P.TOPICS.values():
        for t in team:
            pool += t["ask"] + t["angry"]
    pool += (P.CUST_SARCASM + P.CUST_CHURN + P.CUST_LEGAL + P.CUST_SHAME + P.CUST_PRAISE + P.CUST_MILD
             + P.CUST_REPEAT_OPEN + P.CUST_NEGATED + P.CUST_FURIOUS_OPEN)
    slots = {
        "order": "#A20991784", "amount": "$39.99", "product": "robot vacuum", "last4": "4821",
        "date": "Oct 2", "ticket": "CASE-04417", "competitor": "Hooli", "plan": "Family plan",
        "device": "video doorbell", "cname": "Sam", "agent": "Priya", "team": "billing", "brand": "Acme",
    }
    seen = set(hand)
    out = list(hand)
    rng.shuffle(pool)
    for line in pool:
        if len(out) >= len(hand) + extra:
            break
        s = dict(slots)
        s["order"] = "#A%d" % rng.randrange(10_000_000, 99_999_999)
        s["amount"] = rng.choice(["$%d.99" % rng.randrange(5, 200), "€%d" % rng.randrange(9, 300)])
        s["product"] = rng.choice(P.PRODUCTS)
        s["competitor"] = rng.choice(P.COMPETITORS)
        text = line.format(**s)
        if text not in seen:
            seen.add(text)
            out.append(text)
    rng.shuffle(out)
    return out
