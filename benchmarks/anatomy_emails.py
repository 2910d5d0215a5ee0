#!/usr/bin/env python3
"""Generates e-mail-shaped support messages for benchmarks/anatomy.sh, as JSONL {"text": ...}.

Bodies are lines of the chat corpus (`temper-bench corpus`, read from standard input), one to
three per message, wrapped the way mail arrives: a greeting line ("Hi team,"), a closing
("Thanks,", "Kind regards,"), a signature (a name, sometimes a title and a phone line), a device
line ("Sent from my iPhone"), and in a third of the messages the quoted earlier reply under an
attribution line ("On Mon, 3 Nov 2026 at 10:12, Acme Support <help@acme.example> wrote:").
Deterministic (seeded): the same corpus gives the same file.

    temper-bench corpus --messages 300000 | tail -n +2 | benchmarks/anatomy_emails.py 100000 > emails.jsonl
"""
import json
import random
import sys

GREETINGS = ["Hi team,", "Hello,", "Dear support,", "Hi Sarah,", "Good morning,", "Hey there,", "Dear Sir or Madam,", ""]
CLOSINGS = ["Thanks,", "Thank you,", "Kind regards,", "Best regards,", "Best,", "Cheers,", "Many thanks,", "Regards,"]
NAMES = ["Olivia", "James Porter", "Camille Durand", "Raj", "Mia Svensson", "Tom", "Ana Lopez", "Li Wei"]
TITLES = ["Operations Manager | Northwind Ltd", "Senior Buyer, Contoso", "Office Administrator"]
DEVICES = ["Sent from my iPhone", "Sent from my Galaxy", "Get Outlook for Android"]
REPLIES = ["Thank you for contacting Acme Support. We're sorry to hear about this and have escalated it.",
           "Hi, thanks for reaching out! Could you send us your order number so we can take a look?",
           "We apologise for the delay. Your refund has been processed and should appear within 5 days."]


def message(rng, bodies):
    lines = []
    greeting = rng.choice(GREETINGS)
    if greeting:
        lines += [greeting, ""]
    lines += [rng.choice(bodies) for _ in range(rng.randint(1, 3))]
    lines += ["", rng.choice(CLOSINGS), rng.choice(NAMES)]
    if rng.random() < 0.3:
        lines.append(rng.choice(TITLES))
    if rng.random() < 0.2:
        lines.append(f"Tel: +44 20 7946 {rng.randint(1000, 9999)}")
    if rng.random() < 0.3:
        lines += ["", rng.choice(DEVICES)]
    if rng.random() < 0.33:
        lines += ["", f"On Mon, 3 Nov 2026 at 10:{rng.randint(10, 59)}, Acme Support <help@acme.example> wrote:"]
        lines += ["> " + rng.choice(REPLIES), ">", "> Acme Support Team"]
    return "\n".join(lines)


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
    bodies = [line.rstrip("\n") for line in sys.stdin if line.strip()]
    if not bodies:
        sys.exit("anatomy_emails.py: no body lines on standard input")
    rng = random.Random(13)
    out = sys.stdout
    for _ in range(count):
        out.write(json.dumps({"text": message(rng, bodies)}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
