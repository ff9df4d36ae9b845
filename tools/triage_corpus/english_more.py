"""More English families for the triage corpus (second round), all on the train side.

Written to teach the classifier what the phrases alone cannot tell apart: harmless messages
that share a sign's words (figures of speech, someone else's symptoms, a past event that is
over, the normal sensations of exercise, objects and sport) and signs told in new voices.
These families were written without reading any held-out message; the generator keeps them
all in ``train``, so neither held-out set changes.
"""

SIGNS: dict[str, str] = {
    "chest-pain": """
it's like a tight strap around my chest and it's spreading to my neck {t}
hi sorry, there's a dull heavy weight pressing on my breastbone and I feel sick
F:{who} says there's an ache in the middle of the chest going into the left arm, and looks grey
my chest hurts like it's being squeezed in a fist, worse when I walk
""",
    "breathing": """
I'm gulping air and still feel like I'm drowning {t}
can't get a proper breath in, it's like my lungs won't fill
F:{who} is wheezing badly and can't finish a sentence
there was blood in what I coughed up {t}
""",
    "fainting": """
I went down out cold for a few seconds in the hallway
I came round on the bathroom floor with no idea how I got there
F:{who} collapsed and wasn't responding for a bit
everything keeps spinning even lying down, I can't get up {t}
""",
    "stroke": """
half my face won't move properly {t}
my speech went thick and slow all of a sudden
F:{who}'s mouth is sagging on one side and the arm on that side is weak
I can't hold my fork in my right hand anymore, it just went weak suddenly
""",
    "cauda-equina": """
I can't feel my bum or the inside of my thighs since the back went
I've had no urge to pee all day and nothing comes out
F:{who} has had accidents with the toilet and can't feel it, and the back pain is terrible
the skin between my legs feels dead, like it's not mine
""",
    "fall-injury": """
went down on the stairs and my arm is bent where it shouldn't be
I fell in the kitchen and there's a cut on my head that won't stop bleeding
F:{who} fell and can't get off the floor, the hip looks wrong
I had a fall, I'm on apixaban, and I banged my elbow
""",
    "self-harm": """
I've been thinking it would be easier to not be here at all
I sat with a bottle of pills last night and thought about taking them all
F:{who} wrote a goodbye note and talks about not wanting to live
I keep hurting myself when it gets too much
""",
    "dvt": """
my calf is throbbing and fatter than the other one, and it's warm
one leg is red from the ankle to the knee and it's tender
F:{who}'s calf is hot and swollen since the operation
""",
    "wound-infection": """
the cut from my surgery is leaking cloudy fluid and it's warm around it
I'm running a fever and the stitches look inflamed
F:{who}'s incision is red and puffy and smells
""",
    "sudden-injury": """
I felt a snap at the back of my ankle during the {x} and now I can't push off
my shoulder suddenly went and I can't lift it at all
F:{who}'s knee swelled up within an hour of the {x}
""",
    "fall-or-dizzy-spell": """
I lost my footing on the ice and sat down hard, no harm done
I got a bit swimmy in the head after the {x}, it went away
my pulse was going really fast for a few minutes, now it's normal
""",
    "night-pain-weight-loss": """
the pain gets me up at night, every night, even when I haven't done anything
I'm down a dress size and I haven't changed what I eat
""",
    "pain-model-breach": """
the {x} left me hurting all evening, more than it should
I was still aching this morning from yesterday's {x}
""",
}

LOOK_ALIKES: dict[str, str] = {
    "chest-pain": """
my friend had a heart attack in the spring and he is back golfing now
my chest is sore from laughing at the comedy show, haha
a bit of a pull in my chest muscles after the wall push-ups, like after any workout
I have a heavy heart since my dog died, but I'm ok
my chest is a bit stiff after sleeping on the couch, stretching fixed it
the doctor checked my heart last month and said it is fine
I watched a show about heart attacks and it made me think of my uncle
heartburn after spaghetti again, antacid fixed it
my chest felt nice and open after the breathing stretches
I used to get chest pain years ago before my stent, nothing since
my granddaughter's heart was pounding at her recital, so cute
got a big weight off my chest telling my doctor about the exercises
""",
    "breathing": """
I was a bit winded after the {x}, back to normal after a minute
my husband snores and I can't breathe a word about it to him lol
the smell of my wife's cooking takes my breath away
my brother has copd and uses oxygen, I help him on Sundays
breathing hard during the {x} but I can still talk, like you said is normal
I had a cough last winter but it's all cleared up
I ran for the bus and puffed for a minute, then fine
it's so cold outside the air burns my nose
my son's asthma is acting up so I'll do my session later
I breathed a sigh of relief when the x-ray was clear
""",
    "fainting": """
I almost passed out from the smell of my son's hockey bag
the heat made me feel a bit sluggish so I did my session in the morning
my sister fainted at her wedding years ago, we still laugh about it
the recipe instructions made my head spin
I was dead to the world last night, best sleep in weeks
my grandson spins me around when we dance
I'm confused about the new schedule, can you resend it?
I blacked out the dates on the calendar when I'm away
I fell asleep on the couch during the movie
the news makes me dizzy with all those numbers
""",
    "stroke": """
my mother had a stroke in 2015 and I look after her now
I'm stroking the cat while I do my breathing exercises
my tennis stroke is coming back since the shoulder exercises
I can't find the words to thank you for this programme
my speech at my daughter's wedding went well
my arm is tired after the {x}, a good tired, it goes in minutes
I had a headache yesterday from the heat, it's gone after some water
my face is red after the {x} but that's just from the effort
I'm slurring my emails because I'm typing fast lol
the lights flickered in the house, the storm knocked the power
""",
    "cauda-equina": """
I needed the toilet a lot today because of the coffee
my bum is numb from the hard bleacher seats at the hockey game
my toes go numb in the cold rink, they come back when I warm up
my legs were wobbly after the long {x}, normal tired legs
my leg went to sleep from sitting cross-legged on the floor
the baby had a diaper accident in the car
my grandson is potty training, lots of accidents this week
I sat too long on the bike saddle, a bit sore down there, no numbness
I have to get up once a night to pee like always
""",
    "fall-injury": """
my sister fell off a ladder years ago, she's fine now
the temperature fell to minus 30 last night
the kids fell over laughing at the cartoon
I dropped a can of soup on the floor, it rolled under the fridge
my grandson hit his head on the table but he's fine, he kept playing
my wallet fell out of my pocket but a kind man gave it back
the snow fell all night so I did my exercises inside
my dad fell and broke his hip ten years ago, that's why I'm careful
I bumped my head on the car door, a little bump, no cut, all good
we had a falling out, my sister and I, but we made up
""",
    "self-harm": """
this heat is killing me
my boss will kill me if I'm late again
I nearly died of embarrassment at the pharmacy
I'm dying for a coffee after the {x}
I could just die, I forgot my granddaughter's birthday
my phone is dead so I'm writing from my wife's
the {x} are murder on my thighs but I'm doing them
I cut the grass and my hands are blistered
my neighbour's dog died and I'm sad for her
I don't want to live in this cold city forever lol
""",
    "dvt": """
my calves are sore after the heel raises, both of them, like any muscle ache
my feet swell a bit in the evening on hot days, same as every summer
my calf cramped in the night and it was fine by morning
my husband had a blood clot after his surgery and he's doing well now
my legs are red from the hot bath
I have varicose veins, same as always, nothing new
my calf is tight from the stretches, it loosens after a walk
my compression socks left marks on my legs
""",
    "wound-infection": """
my son has a fever, so the {x} will be later today
I'm running hot from the sauna
the scar itches a bit as it heals, it looks clean
I had my covid injection yesterday, a bit of a sore arm
my husband has the chills from the flu, I'm fine
I got a sunburn on my arm, it's red but nothing else
the dressing came off clean and the skin looks healed
I have a cold sore on my lip
""",
    "sudden-injury": """
my knee cracks when I squat, it's done that for years and doesn't hurt
the ice on the lake popped and cracked all night
I snapped at my husband today, I apologised
my fingers tingle a bit with excitement, the grandkids are coming
my elastic band snapped during the rows, I need a new one
I felt a good stretch at the back of my thigh during the {x}
my back clicked when I stood up and it felt better after
my son tore a ligament playing soccer last year
""",
    "fall-or-dizzy-spell": """
the leaves are falling and the walk was lovely
my heart skipped a beat when my grandson said his first word
I'm dizzy with happiness, my daughter is engaged
my heart was pounding during the hockey game, what an overtime
the room spun on the ride at the fair, it was so fun
my glasses fell off during the {x}
the kids fell asleep early tonight
my pulse went up during the {x} and came down after, like the video says
""",
    "night-pain-weight-loss": """
I lost weight since I started walking, which was the plan
I can't sleep because of the snow plough at 4am
my husband's snoring wakes me every night
I've been losing sleep over my taxes
I lost my glasses again
the cat wakes me at 5 every morning wanting food
I'm eating less sugar and lost 2 kilos, happy about it
""",
    "pain-model-breach": """
the {x} were hard work but no pain, just tired muscles
my muscles were a little stiff this morning and loosened up with the walk
the pain stayed at 1 the whole session
the new level is harder but it doesn't hurt
I felt the burn in my legs, the good kind
my pain is better than last week
a bit sore after the {x}, gone within the hour like you said
""",
}
