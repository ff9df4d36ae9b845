"""English families for the triage corpus (fourth round), all on the train side.

Written from classes of error seen on the train split's cross-validation and from a user trial
(an instruction about an exercise read as a warning sign), never from a held-out message:

- instructions and commands about the programme ("stop this exercise", "skip the lunges"),
  which are not symptoms;
- a sign's words said to be fine, or about someone else, or long over;
- figures of speech and body parts in exercise talk ("the stretch opened my chest");
- and, so the words alone cannot decide, signs told in the same frames ("stop the exercise,
  my chest hurts and my arm is numb").
"""

SIGNS: dict[str, str] = {
    "chest-pain": """
stop the exercise please, my chest is really hurting and it's spreading to my arm
I had to quit the {x} because of a heavy pressure in the middle of my chest {t}
F:{who} stopped the walk holding the chest, says it's like a weight on it
the stretch was fine but now I have a squeezing pain in my chest that won't go
""",
    "breathing": """
skip the rest, I can't breathe properly and it's not getting better
I stopped the {x}, I can hardly get a breath even sitting down {t}
F:{who} had to stop and is gasping, can't say more than a few words
cancel today, I'm so breathless I can't get to the door
""",
    "fainting": """
I stopped the {x} because I blacked out for a second and ended up on the floor
F:{who} fainted during the exercises and was out for a minute
cancel my session, I passed out in the hallway this morning
""",
    "stroke": """
stop sending exercises, my face went numb on one side and my speech is funny
F:{who} can't hold the band anymore, the left arm went weak all of a sudden and the mouth droops
I can't do the {x}, my right side suddenly feels heavy and my words come out wrong
""",
    "cauda-equina": """
I stopped the {x} because I can't feel anything between my legs and I haven't peed since morning
F:{who} says the back pain is worse and there's no feeling in the bottom area, and wet himself
skip my programme, I have numbness in my groin and both legs are going weak
""",
    "fall-injury": """
I fell during the {x} and my wrist looks bent, I can't move it
F:{who} fell doing the exercises and hit the head hard, takes blood thinners
stop everything, I tripped on the mat and I can't stand on my leg at all
""",
    "self-harm": """
stop the reminders, I don't see the point of living anymore
F:{who} stopped doing the exercises and keeps saying everyone would be better off without them
I'm done with everything, I've been thinking about ending my life
""",
    "dvt": """
I stopped the {x}, my calf is swollen and hot and red on one side
F:{who}'s lower leg is puffy and tender since the operation, only the one side
""",
    "wound-infection": """
I skipped the {x}, my scar is red and hot and there's yellow stuff coming out
F:{who}'s wound smells bad and the redness is spreading, and there's a fever
""",
    "sudden-injury": """
stop the programme for me, I heard a pop in my knee during the {x} and it swelled right up
F:{who} felt a snap in the ankle doing the step-ups and can't put weight on it
""",
    "fall-or-dizzy-spell": """
I stopped the {x} because I got dizzy and fell onto the couch, I'm ok otherwise
F:{who} had a fall in the kitchen this morning, no injury but shaken
""",
}

LOOK_ALIKES: dict[str, str] = {
    "said-fine": """
stop the session for today, my chest is fine, I'm just busy
my chest is fine and my breathing is fine, I just want to skip today
my head is fine, it was only a bump on the cupboard door last week
F:{who}'s legs are fine, we're just going away for the weekend
my heart is fine, the cardiologist checked it last month
stop everything for now, all good here, just on holiday
my back is ok and my bladder is normal, the checklist question scared me a bit lol
everything is fine with my calf now, the swelling from last month is long gone
""",
    "sudden-injury": """
stop this exercise.
stop that exercise please
can you stop the exercise for today
skip this exercise
skip the {x} today please
cancel my session tonight
pause the programme, I'm on holiday next week
end the session please
I want to stop the {x}, they're boring
next exercise please
can we skip to the next one
stop the timer
stop sending me the {x} video
quit the session
no more {x} today, I'm done
cancel the reminder for tonight
please stop the exercise reminders this weekend
I'll stop here for today, see you tomorrow
done for today, stopping the {x} now
let's stop the session, I have a visitor
""",
    "chest-pain": """
the stretch made my chest feel open and loose, lovely
my chest feels fine today, the breathing exercise helped
the chest opener stretch is my favourite
I did the chest stretch against the door frame, felt great
I feel a gentle stretch across the chest during the band rows, that's normal right?
my heart was pounding with joy when I saw my grandkids
my heart skipped a beat when the bill came lol
F:{who} had a heart attack back in 2012 and is doing well now
my brother had chest pain last year and it was only heartburn
I get heartburn after pizza, nothing to do with the exercises
""",
    "breathing": """
I was out of breath after the {x} but it settled in a minute
I'm breathing hard after the stairs but I can talk fine
the view took my breath away on the walk
I can breathe so much easier since I stopped smoking
F:{who} has asthma but it's well controlled, just letting you know
holding my breath during the plank, is that wrong?
the breathing exercise made me feel calm
""",
    "fainting": """
I nearly fainted when I saw the price of the new shoes haha
I'm dead tired after work but fine
F:{who} fainted once years ago at a wedding, it was the heat
""",
    "stroke": """
my arm is weak from carrying the groceries, it's just tired
my speech at the wedding went well!
I can't find the words to thank you
my leg feels heavy after the {x} like after a long walk
F:{who} had a stroke ten years ago and walks fine now
my face is numb from the dentist this morning
""",
    "cauda-equina": """
I need to pee a lot because I drink so much water now
my bum is numb from sitting on the bleachers all afternoon
I can't feel my toes when it's this cold outside, back to normal inside
my back is sore after gardening but everything else is normal
F:{who} had back surgery years ago and is fine
""",
    "fall-injury": """
I fell for the new physio lol
I fell asleep during the relaxation video
prices have fallen at the market
I slipped up and forgot my exercises yesterday
F:{who} fell last year and broke a hip, she's walking well now
the leaves are falling, autumn walks are the best
""",
    "self-harm": """
I could kill for a coffee right now
this exercise is killing me lol but I'll keep going
I'm dying to get back to golf
I want to end this session, that's enough for today
I'm done with the {x} for today
I'd rather die than miss my grandson's game haha
the traffic makes me want to scream
""",
    "dvt": """
my calves are burning during the heel raises, like you said they would
my legs are tired after the long drive but not swollen
F:{who} had a blood clot years ago, he's on a pill now and fine
my calf is a bit sore from the new shoes
""",
    "wound-infection": """
the scar looks great, just a bit pink
I have a cold and a runny nose, nothing else
the cut on my finger from cooking is healing fine
my dog's paw got infected but the vet sorted it
""",
    "fall-or-dizzy-spell": """
the rollercoaster at the fair made me so dizzy lol
I was dizzy with excitement when I got the news
F:{who} tripped on a rug years ago, never hurt, just telling you about the house
the kids were spinning and fell over laughing
""",
    "night-pain-weight-loss": """
I lost weight on purpose, my diet is working
I can't sleep because of the neighbours' party
I lost 2 pounds, happy about it
my knee wakes me up if I kneel on it, but it's fine in bed
""",
    "pain-model-breach": """
the exercises are easy now, no pain at all
my knee hurt a bit at first and then it eased off
a little sore after the {x}, gone the next morning
I love the new exercises, they feel good
""",
}
