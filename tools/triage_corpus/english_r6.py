# ruff: noqa: E501  (a corpus line is one message, never wrapped)
"""English families for the triage corpus (sixth round), all on the train side.

Written for issue 13's structural weaknesses, from the corpus author's own imagination and
the cross-validated training errors only (no held-out or dev message was read). Each family
is a class of message, in scenes of this round's own:

- verbs of thinking and believing around a sign, both ways: "I think I'm having a heart
  attack" is a sign, "I think it's just a bruise" with no sign is not, and "I don't think I
  can get up" is the negation that is the symptom;
- passive death wishes and indirect suicidal thoughts ("it would be easier if I didn't wake
  up", "everyone would be better off"), which never name the act;
- negation as the symptom (cannot feel, cannot pass water, cannot lift, will not stop);
- combinations told in two sentences (a fall and then a limb out of shape; a swollen calf,
  then breathless);
- long rambling messages with the sign in the middle, and figures of speech that use the
  signs' words (a heart racing about a trip, falling for a new show, killing it at the gym).
"""

SIGNS: dict[str, str] = {
    "chest-pain": """
I think I'm having a heart attack, my chest is so tight and my left arm aches
I really believe something is wrong with my heart, there's a weight on my chest that won't shift
I'm not sure how to describe it but I reckon it's my heart, a band across the chest and sweating
F:I think {who} is having a heart attack, clutching the chest and grey in the face
I keep telling myself it's heartburn but I don't think it is, the pressure is spreading to my jaw
so we had the grandkids over and made pancakes and everything was lovely and then around three I got this squeezing in the middle of my chest that went into my arm and it's still there, I sat down and it's not easing, the dog is fine, anyway
""",
    "breathing": """
I don't think I can breathe properly, I can't get a full breath even sitting down
I think my lungs are closing up, every breath is a fight {t}
I can't seem to get any air in and my lips feel tingly
F:{who} can't catch a breath and can't finish a sentence, I think it's getting worse
I honestly feel like I'm suffocating, I can't get enough air no matter what I do
I was telling my sister about the new recipe, we talked for ages about the garden too, and in the middle of it I just couldn't get my breath, I'm still panting sitting in the chair
""",
    "fainting": """
I think I passed out in the kitchen, I woke up on the floor and don't know how long I was there
I believe I fainted after the {x}, everything went grey and then I was on the mat
F:{who} went limp and didn't answer for a minute, I think she fainted
I don't remember getting to the floor, one second I was standing and the next I was down
I keep nearly blacking out when I stand, the room goes dark and I have to grab the wall
""",
    "stroke": """
I think I'm having a stroke, half my face feels dead and my words are coming out wrong
I can't lift my right arm all of a sudden and my mouth is drooping
F:I think {who} is having a stroke, she can't smile on one side and is talking nonsense
my left hand won't do what I tell it and I dropped my cup twice, it started suddenly {t}
I can't find my words, I know what I want to say but it comes out jumbled, this is new
suddenly I can't see out of one eye and my leg on the same side feels weak
""",
    "cauda-equina": """
I can't feel anything when I wipe after the toilet, it's like that area is numb
I haven't been able to pee since this morning even though I need to, and my back is killing me
I don't think I can control my bladder anymore, I wet myself without feeling it
my back went {t} and now the skin between my legs feels like it belongs to someone else
I can't feel the saddle when I sit on the bike and both legs are going weak
F:{who} can't tell when she needs the toilet anymore and her bottom is numb, and her back is bad
""",
    "fall-injury": """
I fell on the stairs and I don't think I can get up, my hip hurts too much to move
I slipped in the shower, and now my wrist looks bent the wrong way
I had a fall in the garden. Now I can't put any weight on my leg at all.
I tripped over the cat and hit my head on the doorframe, I feel woozy and sick
I went down on the ice and I can't stand up, I'm still on the ground
F:{who} fell off the step and her ankle is at a funny angle, she can't walk on it
I don't know how but I ended up on the bathroom floor and my shoulder looks out of place
I fell during the {x}, I'm on blood thinners and my knee won't stop bleeding
""",
    "self-harm": """
sometimes I think it would be easier if I just didn't wake up
I think everyone would be better off without me around
I keep thinking about ending it all, I'm so tired of the pain
I don't want to be here anymore, I'm done fighting
I've started thinking the pills in the cupboard would solve everything
I wish I could go to sleep and never wake up
what's the point of going on like this, nobody would even notice if I was gone
F:{who} said she's thinking of taking her own life and I don't know what to do
I've been having dark thoughts about not being alive, I can't shake them
I don't see a future for myself anymore and I've been thinking how I'd do it
I'm a burden to my family and I think they'd be relieved if I disappeared for good
I hurt myself on purpose last night again, I can't stop
""",
    "dvt": """
I think my calf is swollen, it's red and hot and hurts when I walk
one of my legs is suddenly much fatter than the other and it's tender behind the knee
F:{who}'s calf is puffy and warm since the operation, I think it might be a clot
my calf has gone hard and sore and the skin is shiny, it's only the one side
""",
    "wound-infection": """
I think my scar is infected, it's red, hot and there's yellow stuff coming out
the wound is weeping and smells bad and I've got a temperature
the skin around my incision is spreading red and it throbs
F:{who}'s stitches are oozing pus and the area is swollen, I think it's getting worse
""",
    "sudden-injury": """
I heard a pop in my knee during the {x} and now it's swollen and I can't straighten it
I felt something tear in my calf, like being kicked, and I can't push off my toes
my shoulder gave way lifting the shopping and now I can't lift my arm at all
I twisted my ankle on the kerb and it ballooned straight away
""",
    "fall-or-dizzy-spell": """
I think I had a little fall this morning, I'm ok but shaky
the room started spinning when I got out of bed and I had to hold the wall
I keep feeling dizzy and unsteady today, like I'm on a boat
F:{who} had a fall in the kitchen, no injury we can see but she's shaken
I lost my balance and ended up on the floor, I got up fine
""",
    "night-pain-weight-loss": """
the pain wakes me every night now, and I think I've lost weight without trying
I've dropped a lot of weight without dieting and my back aches at night no matter what
""",
    "pain-model-breach": """
the pain was worse the next morning after the {x} and it still hasn't settled
I think the exercises are making it worse, the pain is higher than before and stays up
""",
}

LOOK_ALIKES: dict[str, str] = {
    "chest-pain": """
I think I'm having a heart attack watching this hockey game lol
my heart was racing at the thought of the trip to see my grandkids
I think my chest is sore from the cold I had, coughing all week, it's getting better
I don't think it's my heart, the doctor checked it last week and it's all fine
my heart skipped a beat when I saw the bill lol
""",
    "breathing": """
I think I need to breathe out more slowly during the {x}?
the view from the hilltop took my breath away
I think I held my breath during the planks, I'll try to remember to breathe
""",
    "fainting": """
I nearly fainted when I saw how much the new shoes cost
I think I dozed off on the sofa after the {x}, slept an hour
I was out cold by nine last night, best sleep in weeks
""",
    "stroke": """
I think I had a stroke of luck, the bus came just as I got to the stop
my swimming stroke is getting better at the pool
I think my face is numb from the dentist, it should wear off by tonight
""",
    "cauda-equina": """
I think my foot went to sleep because I sat cross-legged too long, it's fine now
I need to pee a lot at night since the new pills, the doctor knows
""",
    "fall-injury": """
I'm falling in love with the walking routine
I think I fell asleep during the stretching video
my phone fell off the table and the screen cracked
I don't think I fell, I just sat down hard on the bed and laughed
I think it's just a bruise from bumping the table, I didn't fall
leaves kept falling on the path all through my walk, so pretty
""",
    "self-harm": """
I'm killing it at the gym this week
I'd die for a good night's sleep lol
this traffic is going to be the death of me
I think I'll die of boredom if I have to do the {x} one more time haha
I would kill for a slice of my neighbour's lemon pie
""",
    "dvt": """
I think my calves are just tired from the heel raises, both the same, no swelling
my ankles are a bit puffy after the flight, both sides, going down already
""",
    "wound-infection": """
I think the scar is healing nicely, it's pale and flat
my injection site is a bit sore but no redness
""",
    "sudden-injury": """
I think my knee clicks when I bend it but there's no pain
my back cracked when I stretched and it felt great
""",
    "fall-or-dizzy-spell": """
I was dizzy with joy when my daughter told me the news
I think I'm going round in circles with the exercise sheets
the kids spun me around on the office chair and I got giddy, it was fun
""",
    "said-fine": """
I think the exercises are helping, I can climb the stairs better
I think I'm doing better this week, thank you
I believe I did all the {x} correctly today
I don't think I need to change the programme, it's going well
I reckon I'm getting stronger, the walk felt easy
so today I went to the market with my neighbour and we had tea and talked about her grandson's wedding and the weather, then I did my {x} slowly like the video said, felt a good stretch in the legs, no problems at all, see you next week
I think I left my water bottle at the clinic, is it there?
""",
}

NEGATED: dict[str, str] = {
    "chest-pain": """
I don't think it's chest pain exactly, more of a discomfort, but I wanted to mention it
""",
    "fall-or-dizzy-spell": """
I don't think I fell, but I might have, I found myself sitting on the floor
""",
    "self-harm": """
I don't think I'd actually hurt myself, but I keep thinking about it
""",
    "breathing": """
I'm not sure if I'm short of breath or just anxious, it's hard to tell
""",
}
