"""Hand-written golds of the test articles (tests/test_suggest.py) under guidelines that
differ from the rules' defaults, the same as tests/data/seed_gold_variant.yaml: FIGURE
without the counted noun, ACTOR with its determiner and without a title, CLAIM with the
quotation marks of quoted speech. Quotes with their occurrence number, as in
tests/test_suggest.py."""

FLOOD_VARIANT = {
    "FIGURE": [("Thousands", 1), ("At least 12", 1), ("about 2,300", 1), ("nearly half", 1),
               ("$4.2 million", 1), ("up to 40,000", 1), ("15 per cent", 1), ("two-thirds", 1),
               ("more than 500", 1), ("Around 150", 1), ("dozens", 1)],
    "ACTOR": [("officials", 1), ("Maria Okafor", 1), ("reporters", 1), ("The World Bank", 1),
              ("the Red Cross", 1), ("the national weather service", 1), ("Okafor", 2), ("Critics", 1),
              ("the government", 1), ("Samuel Reyes", 1), ("Northfield University", 1), ("Reyes", 2),
              ("The Ministry of Interior", 1), ("soldiers", 1), ("volunteers", 1), ("the army", 1)],
    "CLAIM": [("At least 12 people have died and about 2,300 homes have been destroyed after days of heavy "
               "rain in the northern province of Lanark", 1),
              ("nearly half of the province's farmland was under water", 1),
              ("“We have never seen anything like this,”", 1), ("up to 40,000 residents need shelter", 1),
              ("rainfall in March was 15 per cent above the average for 2010 to 2020", 1),
              ("two-thirds of the damaged roads would be repaired by June 30", 1),
              ("the government ignored warnings for years", 1), ("more than 500 villages remain at risk", 1),
              ("section 4 of the 2019 flood plan had never been funded", 1), ("the evacuation was delayed", 1),
              ("Around 150 soldiers and dozens of volunteers have been deployed", 1)],
}
TRIAL_VARIANT = {
    "FIGURE": [("£1.8m", 1), ("61", 1), ("A dozen", 1), ("fewer than 300", 1), ("1,200", 1),
               ("One in five", 1), ("37", 1), ("more than 4,000", 1), ("up to eight", 1)],
    "ACTOR": [("Daniel Whitcombe", 1), ("prosecutors", 1), ("Whitcombe", 2), ("Priya Natarajan", 1),
              ("witnesses", 1), ("Helen Marsh", 1), ("the Harlow Tenants Association", 1),
              ("The Serious Fraud Office", 1), ("Alan Brook", 1), ("jurors", 1)],
    "CLAIM": [("he diverted £1.8m from a housing fund between 2015 and 2018", 1), ("all charges", 1),
              ("the prosecution's case rested on “a handful of misread invoices.”", 1),
              ("fewer than 300 of the 1,200 flats promised were ever built", 1),
              ("“One in five families on the waiting list was never contacted,”", 1),
              ("The Serious Fraud Office reportedly reviewed more than 4,000 emails before charging him", 1),
              ("the trial could last up to eight weeks", 1)],
}
HEALTH_VARIANT = {
    "FIGURE": [("Nearly 7.6 million", 1), ("five", 1), ("around 40,000", 1), ("one in four", 1),
               ("£2.5bn", 1), ("up to 9 million", 1), ("below 6 million", 1), ("13", 1), ("15", 1)],
    "ACTOR": [("NHS England", 1), ("Wes Streeting", 1), ("The Royal College of Nursing", 1),
              ("Pat Cullen", 1), ("the BBC", 1), ("Cullen", 2), ("The Department of Health", 1),
              ("Analysts", 1), ("the King's Fund", 1), ("Opposition parties", 1), ("ministers", 1),
              ("Downing Street", 1)],
    "CLAIM": [("Nearly 7.6 million patients in England are waiting for routine treatment, the highest number "
               "since records began", 1), ('the figures were "unacceptable"', 1),
              ("cut waiting times within five years", 1),
              ("staff shortages of around 40,000 nurses were putting patients at risk", 1),
              ("one in four nurses had considered leaving the profession", 1),
              ('"We cannot keep running on goodwill,"', 1),
              ("it had invested £2.5bn in new diagnostic centres, which would provide up to 9 million extra "
               "tests a year", 1), ("the backlog will not fall below 6 million before 2027", 1),
              ("ministers of missing 13 of their 15 targets", 1)],
}
