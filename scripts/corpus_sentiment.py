"""Hand-written, hand-labelled customer-service messages for Temper.

Labels are the customer's feeling as a human annotator would judge it:
negative / neutral / positive. Neutral = factual questions, requests,
greetings, order numbers, statements without feeling.

TEST_* is the held-out set (corpora/cs-sentiment.tsv), DEV_* the calibration
set (corpora/cs-sentiment-dev.tsv). Written by the Temper developers; nothing
is copied from public datasets. Keep the two splits disjoint.
"""

TEST_NEG = r"""
flight delayed 3 hours and not a single announcement at the gate
still waiting on my refund
cancelled again. third time this month my delivery slot just vanishes
not happy with how this was handled at all
the agent was nice but the problem is still not fixed
Great, another 2 hours on hold. Thanks a lot.
I've been charged for a plan I downgraded in August. Nobody seems to care.
My order said 2-day shipping. It's day 9.
The replacement arrived broken too. Impressive.
why does every call end with "someone will call you back" and then nobody does
Tried 4 times to cancel online and the page just errors out
absolutely useless chatbot, it keeps sending me the same link
This is the worst customer service I have ever experienced, and I've dealt with airlines
I was promised a callback on Tuesday. It's Friday.
you lost my luggage and now you're losing my emails too
not impressed. the "premium" support is just the normal queue with a different name
My internet has been down since Sunday and I work from home. Please do something.
Package was left in the rain, soaked through, the book inside is ruined
2 weeks for a refund that took you 2 seconds to charge 🙄
the app logged me out mid-payment and now I don't know if it went through
Honestly so disappointed. I used to love this brand.
Hold music for 47 minutes. I now know every note of it.
You sent me someone else's order. With their name and address on it. That's a privacy issue.
I asked a simple question and got three different answers from three agents
The courier threw my parcel over the fence. It's a glass lamp. Was.
your website says in stock, checkout says out of stock, support says "try again later"
Still no update on case 55102, nobody replies to emails
Extremely frustrated. My account was suspended with no explanation.
bought the extended warranty and now you tell me it doesn't cover the battery?? what does it cover then
I can't believe I have to chase you for my own money
I'm done. Cancel my membership.
This is the third time I'm writing about the same broken hinge.
The technician didn't show up. I took the day off work for nothing.
It says delivered. It was not delivered.
Why is it so hard to speak to a human being at your company
Overcharged again on my phone bill, €18 for "roaming" when I didn't leave the country
The food arrived cold and half of it was missing
The new update deleted all my saved playlists. Years of them. Gone.
my seat was given away even though I checked in online. ridiculous
You've made it impossible to reach anyone. Chat closes, phone line says "too busy", email bounces.
sorry but this is just not good enough
meh. the fix lasted about a day
Ordered a size M, received XXL, return label doesn't work 😤
Can't log in, can't reset password, can't reach anyone. Fantastic.
I feel like I'm talking to a wall
refund "processed" 3 weeks ago and still nothing on my card
If I could give zero stars I would
My mum waited 2 hours on the phone and got disconnected. She's 81.
You keep asking for my account number. I've given it five times.
the charger stopped working after a week, cheap junk
I specifically asked for no plastic packaging and got 6 layers of bubble wrap
Thanks for nothing.
The hotel room smelled of smoke and the front desk just shrugged
The chat agent ended the conversation on me while I was typing
Order #77812 arrived with a cracked screen, again
WHY IS MY BILL DOUBLE THIS MONTH
support told me to reinstall the app, I did, now I lost all my data
Ugh, the tracking hasn't moved in 5 days
it's honestly embarrassing how bad this has gotten
I really expected better from you guys
Paid for express. Got it a week later. Want my shipping fee back.
nobody at the store knew anything about the online order
the so-called "instant" transfer took 4 days and I got a late fee because of it
You changed the terms without telling anyone and now I'm paying more for less
my flight was cancelled and the rebooking is 2 days later. I have a wedding to go to
This app is getting worse with every update
Waited in line for 40 minutes only to be told to come back tomorrow
I'm really upset. The necklace was a gift and it arrived tarnished.
not a fan of being hung up on
oh brilliant, the parcel went back to the depot because the driver "couldn't find" my house. it has a number on it.
Been a customer 12 years and this is how you treat me
The product description was completely misleading
the router you sent is refurbished, not new like I paid for
Dear support, this is my fourth email. Please actually read it this time.
Disgusted that you'd charge a cancellation fee for a service that never worked
I don't want a voucher, I want my money back
Terrible. Just terrible.
the "quick fix" your agent gave me bricked my phone
Your delivery guy was rude to my elderly neighbour
can't even get through to complain properly lol
can you stop sending me marketing emails?? I've unsubscribed 4 times
I'm honestly close to tears, I needed this laptop for my exam tomorrow
Why would you close my ticket when it's clearly not solved
The discount code didn't apply and now customer service says it's too late
no heating in the apartment for 3 days and the landlord portal just says "pending"
Absolutely gutted, the concert tickets never arrived and the event was last night
Just got charged a "service fee" nobody mentioned. Sneaky.
the agent kept calling me "mate" and then just disappeared
Everything about this order has been a mess from start to finish
my subscription renewed even though I turned off auto renew. I have the screenshot.
Awful experience, would not recommend
I'm so tired of this
Not bad? No. It was bad. Really bad.
Trains cancelled, replacement bus never came, no staff anywhere
the promised compensation never showed up
Your "24/7 support" has been offline all weekend
honestly feels like a scam at this point
I've been transferred 6 times and I'm back where I started
Nothing works. Not the app, not the website, not the phone line.
took a half day off for the delivery window, nobody came, no call
so I'm supposed to just accept losing $300? no
The quality has gone way downhill, the stitching came apart after one wash
Hey, your app charged me in dollars instead of euros and my bank added fees. Not cool.
I'm beyond frustrated
I am writing to formally complain about the treatment I received in your Leeds branch.
i literally just want to talk to someone who can help
🤬🤬🤬 order 4419 where is it
you guys really dropped the ball on this one
lost my booking, lost my deposit, lost my patience
they said 5-7 days. it's been 21.
The bot keeps saying "I didn't understand that"
Insurance claim denied on a technicality after 6 months of back and forth
sooo the order I paid for in September is now "backordered until March"? great
Apparently "next day delivery" means next week
The wifi extender disconnects every hour, support just says reboot it
It's frankly insulting to be offered a £5 voucher after all this
so much for "we value your feedback"
Not happy. Not happy at all.
the customer service rep laughed when I explained the problem
Wrong meal delivered, and I have a nut allergy. This could have been serious.
Your billing department is a black hole
the queue position went from 4 to 11. how
Why do I have to pay for your mistake?
I'm cancelling if this isn't sorted by Monday
FedEx says you never handed it over. You say it's with FedEx. Someone is lying.
Honestly the most stressful purchase I've ever made
can't believe you still haven't fixed the login bug
i give up
Very poor communication from start to finish
My complaint was "resolved" without anyone contacting me
This is the last time I order from you
The seat was broken and the cabin crew said there's nothing they can do
Received a bill for a service I never signed up for
the headphones died after 3 weeks, and the warranty process is a nightmare
Can't reach anyone, can't track anything, can't get a refund 😩
The room was filthy and nothing like the photos
this has been going on for 2 months now
yet another "system error"
ok so now the app won't even open. lovely
I'm really disappointed that nobody followed up
it's ridiculous that I have to pay to return a faulty item
The delivery driver left my package with a random neighbour I've never met
Three missed deliveries and a fee for redelivery. Really?
if your goal was to make me never shop here again, congrats
Got a "we've resolved your issue" email. Issue not resolved.
Your agent promised a refund and now there's "no record" of that conversation
we have had no water for 2 days and you keep giving us a different ETA
horrible. just horrible.
why is there a charge of 59.99 on my account from you
The price dropped the day after I bought it and you won't price match. Annoying.
Shipping took forever :(
no one answers the phone at the Main St store
the sizing chart is way off, everything is tiny
sick of being lied to
I want to escalate this complaint
It's unacceptable that I've had to wait this long
Battery swelled up and the phone case cracked. That's dangerous.
wish I had never upgraded
Why does your app need access to my contacts?? uninstalling
still broken after the "fix"
My parcel is apparently in Belgium. I live in Ireland.
Delayed again. And again. And again.
Bad service, rude staff, cold coffee
the instructions are missing half the steps and the screws don't fit
I'm genuinely angry about how this was handled
apology accepted but it doesn't fix the fact that I missed my flight
Thanks for the voucher, but honestly I'd rather have had the order on time
I appreciate the effort but this still isn't working
the new layout is confusing and I can't find anything
thanks for the update I guess 🙄 still no parcel
loved the first one, the replacement is a total dud 😞
oh sure, "within 24 hours". that was on monday
The staff were lovely 😊 but the room was freezing and the shower was broken 😩
Not the agent's fault but your system is a disaster
I had high hopes. Sadly no.
This is fine 🔥🙂🔥
no offence but this is the third "final" fix
you'd think a company this size could manage a working phone line
Really? A form letter? After 6 weeks?
cancelled my gym membership in writing and they're STILL taking money
kinda regret buying the annual plan now
My patience has officially run out.
hey @AcmeSupport, 4 days without internet and counting #fail
Yeah no, "we're experiencing high volumes" is not an excuse for 3 weeks
tbh expected more for the price
i'm honestly shaking I'm so angry
"""

TEST_NEU = r"""
Hi, what time does the Camden store open on Sundays?
order number is 4471-2290
Can I change the delivery address on my order?
How do I update my card details?
Is the blue version coming back in stock?
Hello
hi, I have a question about my bill
Could you send me a copy of my last invoice?
My account email is j.martin@example.com
What's the difference between the Basic and Plus plans?
Do you ship to Canada?
I'd like to return an item, how does it work?
flight AB123 tomorrow, is it on time?
Can I add a second user to my account?
ref: CASE-20931
Please cancel order #A55120934, I ordered it twice by mistake.
Where can I find the warranty information?
Is there a student discount?
I need to reschedule my installation appointment to next week.
what's the weight limit for cabin bags
How long does a refund usually take?
Good morning
I'm moving house next month, how do I transfer my service?
Does this model support 5GHz wifi?
Can you confirm you received my documents?
The parcel number is 1Z999AA10123456784
Do you have a phone number I can call?
Could you tell me when my contract ends?
I sent the photos by email just now.
What payment methods do you accept?
hi there, is anyone available?
Need to change my password, where is that setting
Can I pick up the order in store instead?
My postcode is SW1A 1AA
Is it possible to pause my subscription for two months?
Which size should I take if I'm usually between M and L?
hello, checking on ticket 88213
Does the price include VAT?
Can I use two discount codes on one order?
What's your returns address?
How do I turn off the notifications?
Is Saturday delivery available in my area?
I'm calling about the letter I received on the 14th.
Please send the receipt to billing@example.com
what time is checkout at the hotel
Could you check whether my payment went through?
Can I change my seat after check-in?
Do you price match other retailers?
I would like to speak to someone about my mortgage application.
My username is ben_k_1987
OK
Thanks for the info, one more question: do batteries come included?
Is the store wheelchair accessible?
Can I get the invoice in German?
Does the warranty transfer if I sell the item?
I need the serial number for my insurance. Where is it printed?
How many loyalty points do I have?
Is there a charge for paper bills?
Can you resend the activation code?
What's the status of order 90031?
My booking reference is QX7T2L
I'll be out on Thursday, can the courier leave it with a neighbour?
Are your products tested on animals?
Just to confirm, the new plan starts on the 1st?
I'm enquiring about bulk pricing for 50 units.
Please call me back on 555-0142 after 5pm.
hi, quick one - do you deliver on bank holidays?
Could you close my old account, I've opened a new one.
Do I need to be home for the meter reading?
the item code is SKU-88-2011-BLK
I have a question about my pension statement.
Can I change the name on the ticket?
Is there parking at the venue?
Is there a way to download all my data?
Will my old charger work with the new model?
What's the cut-off time for same-day dispatch?
Can I switch from monthly to annual billing?
Where do I enter a gift card?
How do I book a repair?
My phone is a Pixel 8, Android 15.
which email should I use for complaints?
I'd like to update my address, we moved to 14 Elm Road.
Hello, I'm writing on behalf of my father, who is the account holder.
Is the sale price valid online as well?
What's the maximum number of devices per account?
When will the next invoice be issued?
Do you have this in size 42?
I'm just browsing, thanks.
Order placed at 10:42 this morning, confirmation ORD-551203.
Is it possible to get a paper copy of the manual?
can I bring my dog on the train
What documents do I need to open an account?
Hi, following up on my earlier email.
So the technician comes between 8 and 12?
I'll check with my partner and get back to you.
Understood.
Please note my new phone number: +44 7700 900123
Could you tell me how to read the meter?
the tracking link says "label created"
Is the event still going ahead tomorrow?
I'd like to know your opening hours over Christmas.
What's the interest rate on the savings account?
i need to add my wife to the booking
Do you offer installation?
Can I return an opened item?
I paid by PayPal, does that change anything for the refund?
Which plan includes international calls?
How do I download the app on a Mac?
The account is under my maiden name, Silva.
please advise
Hello, I have an order that hasn't shipped yet and I'd like to add an item.
is the 3pm ferry running today
Can someone tell me what "pending authorisation" means on my statement?
test message, please ignore
Can you send me the terms and conditions?
Do I need to print the return label?
My meter reading is 04512.
How do I unsubscribe from the newsletter?
What's the fastest shipping option?
I'm travelling to Japan next week, will my card work there?
Could you explain the charges on page 2 of the bill?
Hi, do you still sell replacement filters for the old model?
need a quote for 3 rooms
hi! is this the right place for business accounts?
Return window is 30 days, right?
I'd like to request a copy of my medical records.
Waiting for your reply.
The confirmation email says 2 items, I ordered 2, just checking that's right.
Hi Sam, the account number is 0042-1187.
What's the baggage allowance on the Basic fare?
Can you please confirm the order was cancelled?
Is there a number for technical support specifically?
my flight lands at 23:40, will the desk still be open
I'd like to know if the parcel needs a signature.
Sending from my work email because the other one is blocked.
Does the 10% discount apply to delivery too?
Where is the nearest drop-off point for returns?
hi, is the Black Friday price going to apply automatically?
Can the invoice be addressed to my company, Brightline Ltd?
Please find attached the photos of the meter.
"""

TEST_POS = r"""
so helpful, sorted it out in 5 min
not bad at all, actually
Thank you Maria, you were amazing on the phone today!
Delivery was a day early, very happy :)
Love the new app design 😍
The replacement came the next morning. Impressed.
Best customer service I've had in years, honestly
thanks, that fixed it!
Great, the refund came through. Thanks for chasing it.
I was dreading this call but Tom was lovely and patient
quick and painless, exactly how it should be
The engineer was friendly and explained everything. 10/10
Wow, that was fast. Thank you!
You guys are the best 🙌
I appreciate you taking the time to explain the bill
perfect, thanks a million
Just wanted to say the packaging was beautiful, felt like opening a gift
Really smooth checkout, and the tracking updates were spot on
Finally got my money back, thank you for sorting it out
Kenji was super patient with me, I'm not great with tech 😅
I'm so glad I switched to you guys
the hotel upgraded our room for our anniversary, such a lovely surprise
Thanks for being so understanding about the late payment
excellent, works perfectly now
Absolutely love this blender, makes the best smoothies
Problem solved in one call, that's a first!
Thank you for the follow-up email, nice touch
The crew on flight 220 were fantastic with my toddler
Happy customer here 😊
Brilliant service from start to finish
not gonna lie, I expected a fight but you refunded me straight away. respect
Cheers, that's perfect
The store staff went out of their way to find my size
Sooo happy with my new sofa!!
Thanks Aisha, you're a star ⭐
Such a relief, thank you
easy return, refund in 2 days. no complaints
The chatbot actually answered my question, which never happens lol
5 stars for the delivery driver who carried it up 4 flights
You've got a customer for life
Thank you for honouring the old price, really appreciate it
Nice, it's working again 👍
The new update fixed the battery drain, thank you!
Very helpful and polite agent, would recommend
Everything arrived in perfect condition
the compensation was more than fair, thank you
I didn't expect a handwritten note, made my day ❤️
Great value for money
Got a call back exactly when promised. Well done.
I love that I can track the driver live, so handy
That's sorted, thanks so much for your patience with me
Thank you for the quick response!
Loving the service so far
Lena walked me through the whole setup, super clear
Superb. No notes.
Well that was painless! Thanks
the refund was faster than I expected, nice one
thanks for going above and beyond
Wonderful stay, we'll definitely be back
Can't fault it, really
ok you guys redeemed yourselves, the new one is perfect
Amazing support team, thank you for your help today
the fix worked, you're a lifesaver
great job on the new website, so much easier to use
Honestly impressed with how you handled this
Cheers for the heads-up about the delay, appreciated
Fast shipping and great quality 👌
Thank you, I feel much better about my bill now
My issue was resolved without me having to repeat myself, amazing
glad to see the app finally has dark mode!!
Thanks for the birthday discount 🎂
Very pleased with the installation
Lovely people, lovely product
This is exactly what I needed, thanks
Appreciate the honesty about the delay
couldn't be happier with the result
Thank you so much for your kindness today
That's great news, thanks for letting me know
The staff at the Oxford Street branch were brilliant
A+ service
good stuff, thanks 👍
the agent was lovely and sorted everything, thank you
I'm really impressed by how quickly you replaced it
Delighted with my order
Thanks for keeping me updated the whole way
Nice to deal with a company that actually listens
Super helpful, thanks again!
Thank you for the refund and the kind words
It was a pleasure dealing with you
perfect fit, love it
That's really kind of you, thank you
Amazing, you made my week 😭❤️
Thank you for your patience with all my questions!
Good experience overall, would buy again
You've been incredibly helpful
all good now, thanks team
Hats off to the night shift support, replied in 2 minutes at 3am
yay it arrived!!! 🎉
The new plan is cheaper and faster, win-win
Honestly, kudos to whoever designed the returns process
I'll definitely recommend you to my friends
Thanks for sorting it out so quickly, Marco
Pleasantly surprised by how easy it was
The crew were so warm and welcoming
Great communication throughout
Quality is excellent, much better than I expected
Thanks, you've been a great help
we had a fantastic time, thank you for everything
Easy, quick and friendly. Perfect.
ok that was actually really easy, thank you
the bot handed me over to a human straight away, love that
Not a single problem, very happy
Thanks for the free upgrade!
Excellent communication and very fast delivery
can't believe how fast that was, thanks!!
Thank you Sam, the internet is flying now 🚀
Really appreciate the callback
you guys rock
I'm really grateful for your help today
Appreciate you staying late to finish the install
Everything's working perfectly now. Much appreciated!
Just a quick thanks for today's help.
Top notch service
Received the refund, thanks for keeping your word
Thank you! Problem solved.
nice, ty
Mega, vielen Dank für die schnelle Hilfe!
¡Muchas gracias, todo perfecto!
10/10 would get locked out again if it means talking to Lena 😂
Unexpectedly great chat with your bot, it sorted my refund
Not the fastest delivery, but the quality is worth the wait
Dana on the phone was an absolute gem
I take back everything I said yesterday, you've fixed it and I'm grateful
Got a text 10 min before the driver arrived, super convenient
never thought I'd say this about a bank but you're brilliant
the tailor fixed the hem for free, such a kind gesture
honestly no complaints, it just works
merci, vous êtes au top 👍
thank you for not making me jump through hoops to cancel, I'll be back
I was skeptical but the new plan is great value
"""

DEV_NEG = r"""
my bag didn't make the connection and nobody at the desk can tell me where it is
refund still pending after 18 days
honestly fed up with the constant outages
The agent promised to email me. No email.
the sofa arrived with a big tear in the fabric
you charged me a late fee while your payment page was down
I'm disappointed, the product looks nothing like the picture
It's been a week and the ticket is still "open"
delivery slot cancelled at 9pm the night before. thanks for the warning
Phone support hung up on me twice
the bill is wrong AGAIN
I'm really annoyed that I have to call every month to fix the same thing
can't believe I paid extra for this
Parcel arrived empty. Just an empty box.
Very slow response times lately
nope, still not working
The app keeps crashing when I try to pay
I have been double charged and nobody is answering
the engineer left a mess and the socket still doesn't work
Train delayed 50 min, missed my connection, no refund info anywhere
why did my premium go up 40% with no claims
This is a joke
my complaint from March was never answered
What a waste of time
I'm not satisfied with the resolution
Poor quality, fell apart within a week
the voucher code you gave me doesn't work
Sick of the excuses
It took them a month to send the wrong part
can't log in since the update 😡
I'm going to have to cancel if this continues
the new terms are terrible for existing customers
Rude staff at the checkout
your website is so confusing, I've been trying to pay for 20 minutes
disappointed with the lack of communication
Appointment no-show, no apology
The screen flickers constantly, clearly defective
I hate the new app layout
Still waiting for someone to call me back
that's the 4th time the driver has skipped my street
The room key stopped working three times
I paid for a window seat and got the middle
the shoes squeak so loudly I can't wear them to work
Order arrived 2 weeks late and the cake inside was stale
not good enough, frankly
the chat keeps disconnecting before anyone answers
Nobody told me the store was closing early
the discount disappeared at checkout
Wow, thanks for the 'priority' support, only took 3 days to reply.
I've lost count of how many times I've explained this
lol of course it's broken again
They closed my ticket without fixing anything
My order was cancelled without explanation
The smell in the rental car was unbearable
Unhelpful, condescending, slow
Bought it for the long battery life. Battery lasts 2 hours.
Why is it so hard to get a straight answer
your hold music is the soundtrack to my nightmares at this point
Water damage everywhere and the insurer still hasn't sent anyone
can't get through on the phone, can't get through on chat
the staff were kind but the room was freezing and the heating never got fixed
sure, I LOVE paying for things that don't work
Charged for delivery on a "free delivery" order
frustrated beyond words
my account was hacked and support took 4 days to respond
Another week, another broken promise
No one has contacted me about the damaged goods
I cancelled months ago and you're still billing me
so much hassle for a simple exchange
The manual is in Chinese only
the product stopped charging after 10 days
Awful app, constant login errors
Why is the estimated delivery date moving every day
Still no word on my insurance claim
The "express" lane had 30 people in it
bit gutted the colour is so different in person
your courier dumped the box in a puddle
I waited in for nothing. Again.
Thanks for the 'help' 🙃
it's the 3rd reschedule, I'm losing hope
Disgraceful service from your call centre
can't believe there's still no fix for the sync bug
the staff at the gate were lovely but we sat on the tarmac for 2 hours with no water
The product is fine but your delivery partner is hopeless
frankly the worst onboarding I've experienced
Left on hold, then disconnected. Classic.
you cancelled my flight and offered a voucher instead of a refund
When I asked for a manager they said none were available
stuck in a loop with the bot for half an hour
Paid £80 for a "deep clean", the oven was still greasy
my order number is 55190 and it's been lost for 2 weeks
the taxi never showed up and the app still charged me
I'm really not happy with the answer I got yesterday
WORST. UPDATE. EVER.
not thrilled, tbh
The refund was less than what I paid, no explanation
so now I need to pay for a new charger because yours melted? no thanks
Another missed appointment. That's three.
I've been waiting since 8am for a technician
you've lost a loyal customer
Honestly ridiculous that I have to print a form in 2026
meh, the support was slow and didn't really solve it
you sent the replacement to my OLD address
pretty annoyed that the sale price ended an hour after I bought it
"""

DEV_NEU = r"""
Hi, could you tell me the status of order 66120?
How do I change my delivery preferences?
Can I get a VAT receipt?
what's the phone number for the Leeds branch
hello, I need help with my account
Is the offer still available?
My reference number is 44-190-22
Can I return this without the original box?
When does the sale end?
Do you have vegan options on the menu?
please update my email to rosa.p@example.org
I need to book a delivery for next Tuesday.
Is there an extra charge for oversized luggage?
How do I link my loyalty card?
Could you check if my parcel has been dispatched?
What are your opening hours today?
I'd like to transfer my balance to a new account.
Does the laptop come with a charger?
Can I change my appointment time?
Which documents are needed for the claim?
Is it possible to split the payment?
My flight number is LH 2024.
hi
When will my new card arrive?
How do I add a payment method?
Can you tell me what this charge is for? 12.50 on the 3rd
I'll wait for the courier then.
Do you have a store in Manchester?
What's the return policy on sale items?
Can you remind me of my contract end date?
Is breakfast included in the room rate?
I have attached the screenshot.
hello, I'm asking for my neighbour who doesn't have internet
What is the maximum upload speed on the 300 plan?
how do I turn on two-factor authentication
Is there a limit on how many items I can return?
I'm looking for the user manual for model X200.
I'll call back tomorrow morning.
Could you please confirm the delivery date?
Can I get an itemised bill?
Do I need an adapter for the UK?
Our company would like to open a business account.
Is it possible to gift a subscription?
Which courier do you use?
My booking is for 2 adults and 1 child.
Can I cancel within 14 days?
do you sell gift cards
Where can I see my order history?
Can you transfer me to the billing department?
Is the product dishwasher safe?
My meter number is 98-4412-07
I'd like to report a change of circumstances.
Does the 8pm show have subtitles?
Can I pay in instalments?
What's the lead time on custom orders?
Could you email me the tracking link?
Do I need to sign for the parcel?
Is the helpline open on weekends?
How long is the warranty?
Please let me know when it's back in stock.
Can I leave my bags at reception after checkout?
What's the address for returns in Germany?
My account was opened in 2019, if that helps.
Ok, I'll try that and let you know.
Is there a fee for changing the date?
Can I upgrade my plan mid-contract?
Where do I find my customer number?
Hi team, sending the signed form as requested.
How do I delete my account?
Can the driver call me 30 min before arriving?
Is this compatible with iPhone 15?
Can you check my points balance?
What's the status of my claim, reference CLM-7781?
The order was placed under my husband's name.
Could you tell me which floor the service desk is on?
My name is Hannah Okoro, account 77812.
Could you tell me how to change the language of the app?
Is the pharmacy open late on Thursdays?
"""

DEV_POS = r"""
Thank you, this was so much easier than I feared
super quick refund, thanks!
Very friendly driver, left the parcel exactly where I asked
Love the product, works like a charm
Thanks Priya for sorting out the billing mess
Great app, very intuitive
the room had an amazing view, thank you for the upgrade
Such a helpful team
Delivery was on time and everything was perfect
thanks for getting back to me so fast
Happy with my purchase 😊
Really good experience today, thank you
Impressive turnaround
You went above and beyond, thank you
The support agent was patient and clear
Brilliant, that's exactly what I needed
love love love the new colours
Thank you for fixing it so quickly!
wow, already delivered! thanks
The callback was right on time, appreciated
Thanks for your help, all sorted
Fantastic customer care
the repair was quick and it works like new
Honestly, great service, thank you
no issues at all, very smooth
Thank you for being so patient with me 🙏
Thanks, you've made this really easy
A pleasure as always
I'm impressed, thank you
Helpful and kind, thank you Dana
that's brilliant news, thank you
Amazing quality for the price
The new router is a game changer
Thanks for the speedy response
Top service, thanks guys
Loved every minute of the stay
Wonderful, I'll be ordering again
Thank you for the clear explanation
much appreciated!
Thanks for taking care of it 😊
Quick, helpful and friendly
Really pleased with how this turned out
The agent was brilliant and solved everything in one go
Everything went perfectly, thanks
thank u so much!!
Great job, very professional
My favourite shop, never disappoints
Loving my new phone, thank you!
The flight crew were absolutely lovely
Very happy with the installation team
Thanks for the refund, that was quick
Nice one, cheers
Appreciate the quick reply
Your team is amazing
Perfect, thanks for confirming!
I'm very grateful for the goodwill gesture
This is great, thank you so much
Fab service as usual
excellent support, very knowledgeable
Happy days, it works! 🎉
I really appreciate the discount
What a great experience
Solved within minutes, very impressed
You've been super helpful today
The courier was really polite
thanks, you're a legend
Thanks for making it right
So smooth, thanks
merci beaucoup, service impeccable
Thank you for listening and acting on it
brilliant, all fixed now
Wonderful service, thank you!
Very efficient, thank you
Received, looks great!
That was quick, cheers!
Top marks to the delivery team
I'm over the moon with the result
Really friendly people, thanks for today
"""


def _lines(block):
    return [l.strip() for l in block.strip("\n").split("\n") if l.strip()]


def splits():
    def label(rows, lab):
        return [(lab, t) for t in _lines(rows)]

    test = label(TEST_NEG, "negative") + label(TEST_NEU, "neutral") + label(TEST_POS, "positive")
    dev = label(DEV_NEG, "negative") + label(DEV_NEU, "neutral") + label(DEV_POS, "positive")
    # interleave deterministically so the file isn't sorted by label
    import random
    rng = random.Random(4501)
    rng.shuffle(test)
    rng.shuffle(dev)
    for name, rows in (("test", test), ("dev", dev)):
        seen = set()
        for _, t in rows:
            assert t not in seen, (name, t)
            seen.add(t)
    return test, dev
