"""The words figures are read with: qualifier cues, number words, scales, currencies,
measures, and the words that make a number a label or a date rather than a quantity.
Shared by the figure rules, the figure reader and the model's features."""

from __future__ import annotations

import re

# cues before the number ("10 or more", "10 or so" after it are read by _OR_MORE_RE)
QUALIFIER_CUES = {
    "about": ("about", "around", "roughly", "approximately", "approx.", "some", "nearly",
              "almost", "close to", "an estimated", "circa", "toward", "towards", "approaching",
              ),
    "at least": ("at least", "a minimum of", "no fewer than", "no less than", "not less than"),
    "at most": ("at most", "a maximum of", "no more than", "not more than", "within"),
    "more than": ("more than", "more often than", "over", "upwards of", "in excess of", "above", "just over",
                  "well over", "exceeded", "exceeds", "exceeding", "surpassed", "surpasses", "surpassing",
                  "topped"),
    "less than": ("less than", "less often than", "fewer than", "under", "below", "just under"),
    "up to": ("up to", "as many as", "as much as", "as high as"),
}
#: cues that head the figure's phrase as a preposition ("within two miles", "within 24 hours")
#: or a comparing verb ("death tolls exceeded 100", "more often than once a year"): they give its
#: qualifier, but they do not modify the number the way "over" or "nearly" do, so a figure span
#: never starts on them, whatever a team does with qualifier words
HEADING_CUES = frozenset({"within", "more often than", "less often than", "exceeded", "exceeds", "exceeding",
                          "surpassed", "surpasses", "surpassing", "topped"})
_CUE_QUALIFIER = {cue: q for q, cues in QUALIFIER_CUES.items() for cue in cues}
_CUE_BEFORE_RE = re.compile(
    r"(?<!\w)(?P<cue>" + "|".join(
        re.escape(c).replace(r"\ ", r"\s+") for c in sorted(_CUE_QUALIFIER, key=len, reverse=True)
    ) + r")\s+$",
    re.IGNORECASE,
)

UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
         "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
         "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
         "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12,
          "bn": 10**9, "m": 10**6, "mn": 10**6, "k": 1000, "tn": 10**12, "lakh": 10**5, "crore": 10**7}
VAGUE = {"dozens": 12, "hundreds": 100, "thousands": 1000, "millions": 10**6, "billions": 10**9}
FRACTIONS = {"half": 50, "a third": 33.33, "one third": 33.33, "one-third": 33.33,
             "two-thirds": 66.67, "two thirds": 66.67, "a quarter": 25, "one quarter": 25,
             "one-quarter": 25, "three-quarters": 75, "three quarters": 75, "a fifth": 20,
             "one-fifth": 20, "a tenth": 10}
CURRENCY_SIGNS = {"US$": "USD", "$": "USD", "₿": "BTC", "A$": "AUD", "C$": "CAD", "HK$": "HKD", "S$": "SGD",
                  "NZ$": "NZD", "£": "GBP", "€": "EUR", "¥": "JPY", "USD": "USD", "EUR": "EUR",
                  "GBP": "GBP", "₹": "INR", "Rs": "INR", "Rs.": "INR", "₽": "RUB", "₴": "UAH", "₺": "TRY",
                  "₩": "KRW", "R$": "BRL"}
CURRENCY_WORDS = {"dollars": "USD", "euros": "EUR", "yuan": "CNY", "rubles": "RUB", "roubles": "RUB",
                  "pounds": "GBP", "złotys": "PLN", "zlotys": "PLN", "złoty": "PLN", "bitcoins": "BTC",
                  "yen": "JPY", "riel": "KHR", "rupiah": "IDR", "rupees": "INR", "baht": "THB",
                  "pesos": "MXN", "riyals": "SAR", "dirhams": "AED", "lira": "TRY", "liras": "TRY",
                  "naira": "NGN", "rand": "ZAR", "shekels": "ILS", "hryvnias": "UAH", "hryvnia": "UAH",
                  "reais": "BRL", "ringgit": "MYR", "kronor": "SEK", "rials": "IRR", "dinars": "IQD",
                  "taka": "BDT", "dong": "VND",
                  # the singular before a noun: "a 38.8 million euro loan", "a $5 billion dollar deal"
                  "euro": "EUR", "dollar": "USD", "ruble": "RUB", "rouble": "RUB", "rupee": "INR",
                  "riyal": "SAR", "dirham": "AED", "shekel": "ILS"}
IRREGULAR_PLURALS = frozenset(
    "people children men women police staff personnel cattle sheep fish livestock feet teeth "
    "mice geese data media yuan yen riel rupiah baht".split())
MEASURES = frozenset("km kg mph mm cm ha mw gw kwh °c °f km/h km2".split())
NOT_MODIFIERS = frozenset(
    "a an the of in on at to for from by with and or but nor as than then that this these those "
    "who whom whose which what it its they them their he she his her we our you your is are "
    "was were be been being am has have had do does did will would can could may might must "
    "shall should per each every more most less fewer such no not only also so very just over "
    "under about around into onto out up down off than".split())
LABEL_WORDS = frozenset(
    "page pages p pp section sections chapter article articles paragraph para clause part "
    "volume vol no number item fig table rule route highway flight room line verse "
    "step version level phase episode season grade class resolution amendment "
    "channel platform gate row seat apartment unit magnitude category aged calling coronavirus type".split())
MONTHS = ("january february march april may june july august september october november "
          "december jan feb mar apr jun jul aug sep sept oct nov dec").split()
YEAR_CONTEXT = frozenset("in since by for from until till of the to before after during between "
                         "and early late mid end start spring summer autumn fall winter".split())
#: people (and casualties) counted one at a time: "one victim", "One child was", "one
#: member of the Coast Guard" count; "One activist, Nur Khan Liton, said" introduces a name
ONE_PERSON_NOUNS = frozenset(
    "person man woman boy girl child baby infant teenager victim member soldier civilian officer "
    "policeman policewoman firefighter worker employee student teacher passenger pilot driver "
    "fighter militant insurgent rebel gunman attacker bomber suspect prisoner detainee hostage "
    "resident citizen national tourist visitor pilgrim migrant refugee patient doctor nurse "
    "journalist protester demonstrator guard contractor serviceman servicewoman marine sailor "
    "volunteer rescuer miner farmer fisherman survivor casualty fatality "
    "mp lawmaker legislator delegate male female adult minor".split())
